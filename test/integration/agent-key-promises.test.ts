import { createAgent, issueKey } from '../helpers/agents';
import { testSql } from '../helpers/db';
import { keyHeaders } from '../helpers/events';
import { me, setSpawnPolicy, spawn, spawnChild } from '../helpers/spawn';
import { eventually } from '../helpers/temporal';
import { createOrg, http } from '../helpers/http';
import { hashSecret } from '../../src/domain/keys';

jest.setTimeout(60_000);
const sql = testSql();
afterAll(() => sql.end());

/** Every table column that ever holds an agent key hash, searched for `hash`. */
async function copiesOf(hash: string) {
  const rows = await sql`
    select 'agents' as t from agents where key_hash = ${hash}
    union all select 'retired_agent_keys' from retired_agent_keys where key_hash = ${hash}
    union all select 'agent_key_rotations' from agent_key_rotations where new_key_hash = ${hash}
    union all select 'agent_spawn_requests' from agent_spawn_requests where key_hash = ${hash}`;
  return rows.map((r) => r.t as string);
}

const unknownKeyAnswer = async () => (await me(`mir_agent_${'x'.repeat(40)}`)).body.error;

describe('spawn approval is never self-granted', () => {
  it('a key that spawned as one of its agents (x-mir-agent-id) may not decide; the audit names both', async () => {
    const org = await createOrg();
    await setSpawnPolicy(org.apiKey, { enabled: true, maxDepth: 3, requireApprovalFromDepth: 1 });
    const parent = await createAgent(org.apiKey, {
      name: 'p',
      type: 'SERVICE_ACCOUNT',
      preset: 'admin',
      agentExternalId: 'parent-ext',
    });
    const asParent = { 'x-mir-agent-id': 'parent-ext' };
    const pending = await spawn(org.apiKey, parent.id, { name: 'child' }, asParent);
    expect(pending.status).toBe(202);
    const id = pending.body.spawnRequestId;
    for (const decision of ['approve', 'reject']) {
      const res = await http('POST', `/v1/agents/spawn-requests/${id}/${decision}`, {
        headers: keyHeaders(org.apiKey),
      });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    const request = await http('GET', `/v1/agents/spawn-requests/${id}`, { headers: keyHeaders(org.apiKey) });
    expect(request.body.status).toBe('PENDING_APPROVAL');
    expect(request.body.requestedBy).toMatchObject({ type: 'agent', id: parent.id, keyId: expect.any(String) });
    const [audit] = await sql`select actor_type, actor_id, details from audit_log
      where action = 'agent.spawn_requested' and target_id = ${id}`;
    expect(audit).toMatchObject({
      actor_type: 'agent',
      actor_id: parent.id,
      details: expect.objectContaining({ requestedByKeyId: request.body.requestedBy.keyId }),
    });
    // Another OWNER's key decides.
    const other = await issueKey(org.id, 'OWNER');
    const approved = await http('POST', `/v1/agents/spawn-requests/${id}/approve`, { headers: keyHeaders(other) });
    expect(approved.status).toBe(200);
  });
});

describe('after revocation no copy of an agent key hash remains', () => {
  it('direct revoke: current and rotated-away keys leave no trace and answer like unknown keys', async () => {
    const org = await createOrg();
    const agent = await createAgent(org.apiKey, { name: 'a', type: 'SERVICE_ACCOUNT', preset: 'reconciler' });
    const rotated = await http('POST', `/v1/agents/${agent.id}/key/rotate`, { headers: keyHeaders(org.apiKey) });
    expect(rotated.status).toBe(200);
    const oldHash = hashSecret(agent.apiKey);
    const newHash = hashSecret(rotated.body.apiKey);
    expect(await copiesOf(oldHash)).toEqual(['retired_agent_keys']);
    expect(await copiesOf(newHash)).toEqual(expect.arrayContaining(['agents', 'agent_key_rotations']));

    expect((await http('POST', `/v1/agents/${agent.id}/revoke`, { headers: keyHeaders(org.apiKey) })).status).toBe(200);
    expect(await copiesOf(oldHash)).toEqual([]);
    expect(await copiesOf(newHash)).toEqual([]);
    const unknown = await unknownKeyAnswer();
    for (const key of [agent.apiKey, rotated.body.apiKey]) {
      const res = await me(key);
      expect(res.status).toBe(401);
      expect({ ...res.body.error, requestId: null }).toEqual({ ...unknown, requestId: null });
    }
  });

  it('an approved spawn: the request no longer holds the key once the agent does; revoked, nothing remains', async () => {
    const org = await createOrg();
    await setSpawnPolicy(org.apiKey, { enabled: true, maxDepth: 3, requireApprovalFromDepth: 1 });
    const parent = await createAgent(org.apiKey, { name: 'p', type: 'SERVICE_ACCOUNT', preset: 'admin' });
    const pending = await spawn(parent.apiKey, parent.id, { name: 'child' });
    const childHash = hashSecret(pending.body.apiKey);
    expect(await copiesOf(childHash)).toEqual(['agent_spawn_requests']);
    const approver = await issueKey(org.id, 'ADMIN');
    const approve = `/v1/agents/spawn-requests/${pending.body.spawnRequestId}/approve`;
    expect((await http('POST', approve, { headers: keyHeaders(approver) })).status).toBe(200);
    expect(await copiesOf(childHash)).toEqual(['agents']);
    expect((await me(pending.body.apiKey)).status).toBe(200);
    const childId = pending.body.childAgentId;
    expect((await http('POST', `/v1/agents/${childId}/revoke`, { headers: keyHeaders(org.apiKey) })).status).toBe(200);
    expect(await copiesOf(childHash)).toEqual([]);
  });
});

describe('one way to revoke', () => {
  it('a single revoke and a kill switch cascade write the same audit shape', async () => {
    const org = await createOrg();
    await setSpawnPolicy(org.apiKey, { enabled: true, maxDepth: 3 });
    const alone = await createAgent(org.apiKey, { name: 'alone', type: 'SERVICE_ACCOUNT', preset: 'admin' });
    const root = await createAgent(org.apiKey, { name: 'root', type: 'SERVICE_ACCOUNT', preset: 'admin' });
    const child = await spawnChild(org.apiKey, root.id, { name: 'child' });
    const owner = { headers: keyHeaders(org.apiKey), body: { reason: 'done' } };
    expect((await http('POST', `/v1/agents/${alone.id}/revoke`, owner)).status).toBe(200);
    expect((await http('POST', `/v1/agents/${root.id}/revoke-descendants`, owner)).status).toBe(202);
    const audit = (id: string) =>
      eventually(async () => {
        const [row] = await sql`select details from audit_log where action = 'agent.revoked' and target_id = ${id}`;
        return row?.details as Record<string, any> | undefined;
      });
    const single = await audit(alone.id);
    const cascade = await audit(child.id);
    expect(Object.keys(single.before).sort()).toEqual(Object.keys(cascade.before).sort());
    expect(Object.keys(single.after).sort()).toEqual(Object.keys(cascade.after).sort());
    expect(single).toMatchObject({ reason: 'done', after: { status: 'REVOKED', keyPrefix: null } });
    expect(cascade).toMatchObject({ reason: 'done', rootAgentId: root.id, after: { status: 'REVOKED' } });
  });
});
