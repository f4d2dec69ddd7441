import { createAgent } from '../helpers/agents';
import { testSql } from '../helpers/db';
import { keyHeaders } from '../helpers/events';
import { growTree, me, setSpawnPolicy } from '../helpers/spawn';
import { createOrg, http } from '../helpers/http';
import { eventually } from '../helpers/temporal';

jest.setTimeout(120_000);
const sql = testSql();
afterAll(() => sql.end());

async function family() {
  const org = await createOrg();
  await setSpawnPolicy(org.apiKey, { enabled: true, maxDepth: 3 });
  const root = await createAgent(org.apiKey, { name: 'Root', type: 'SERVICE_ACCOUNT', preset: 'reconciler' });
  const tree = await growTree(org.apiKey, root.id, [2, 3]);
  return { org, root, tree, ids: [root.id, ...tree.map((a) => a.id)] };
}

const pull = (apiKey: string, agentId: string) =>
  http('POST', `/v1/agents/${agentId}/revoke-descendants`, { headers: keyHeaders(apiKey) });

const completed = (apiKey: string, operationId: string) =>
  eventually(async () => {
    const op = await http('GET', `/v1/agents/revocations/${operationId}`, { headers: keyHeaders(apiKey) });
    return op.body.status === 'COMPLETED' ? op.body : undefined;
  });

async function revokedAuditsPerAgent(ids: string[]) {
  const rows = await sql<{ target_id: string; n: number }[]>`
    select target_id, count(*)::int as n from audit_log
    where action = 'agent.revoked' and target_id = any(${ids}) group by target_id`;
  return Object.fromEntries(rows.map((r) => [r.target_id, r.n]));
}

describe('kill switches within one family', () => {
  it('a switch pulled below one already pulled answers that operation', async () => {
    const { org, root, tree, ids } = await family();
    const first = await pull(org.apiKey, root.id);
    expect(first.status).toBe(202);
    const grandchild = tree.find((a) => a.depth === 2)!;
    const second = await pull(org.apiKey, grandchild.id);
    expect(second.status).toBe(202);
    expect(second.body).toMatchObject({ operationId: first.body.operationId, rootAgentId: root.id, total: 9 });
    expect((await me(grandchild.apiKey)).body.error.code).toBe('agent_revoked');
    const done = await completed(org.apiKey, first.body.operationId);
    expect(done).toMatchObject({ total: 9, revoked: 9 });
    const operations = await sql`select id from agent_revocation_operations where root_agent_id = any(${ids})`;
    expect(operations).toHaveLength(1);
    expect(await revokedAuditsPerAgent(ids)).toEqual(Object.fromEntries(ids.map((id) => [id, 1])));
  });

  it('a parent switched while a child switch runs: every agent revoked once, both counts add up', async () => {
    const { org, root, tree, ids } = await family();
    const child = tree.find((a) => a.depth === 1)!;
    const below = await pull(org.apiKey, child.id);
    const above = await pull(org.apiKey, root.id);
    expect([below.status, above.status]).toEqual([202, 202]);
    expect(below.body).toMatchObject({ rootAgentId: child.id, total: 4 });
    expect(above.body.rootAgentId).toBe(root.id);
    const [a, b] = await Promise.all([
      completed(org.apiKey, below.body.operationId),
      completed(org.apiKey, above.body.operationId),
    ]);
    expect(a.revoked).toBe(a.total);
    expect(b.revoked).toBe(b.total);
    expect(await revokedAuditsPerAgent(ids)).toEqual(Object.fromEntries(ids.map((id) => [id, 1])));
    for (const agent of tree) expect((await me(agent.apiKey)).body.error.code).toBe('unauthorized');
  });
});
