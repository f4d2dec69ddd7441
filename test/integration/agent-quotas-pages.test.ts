import { createAgent } from '../helpers/agents';
import { keyHeaders } from '../helpers/events';
import { setSpawnPolicy, spawn, spawnChild } from '../helpers/spawn';
import { testSql } from '../helpers/db';
import { adminHeaders, createOrg, http } from '../helpers/http';
import { WebhookReceiver } from '../helpers/webhook-receiver';

const SERVICE = { name: 'svc', type: 'SERVICE_ACCOUNT', preset: 'reconciler' };

describe('spawn quotas hold under concurrency', () => {
  it('maxChildrenPerAgent: 12 spawns at once under one parent, exactly the quota succeed', async () => {
    const org = await createOrg();
    await setSpawnPolicy(org.apiKey, { enabled: true, maxDepth: 3, maxChildrenPerAgent: 3 } as never);
    const parent = await createAgent(org.apiKey, SERVICE);
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => spawn(org.apiKey, parent.id, { name: `kid ${i}` })),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
    const refused = answers.filter((a) => a.status === 403);
    expect(refused).toHaveLength(9);
    for (const r of refused) {
      expect(r.body.error).toMatchObject({
        code: 'spawn_quota_exceeded',
        details: { quota: 'maxChildrenPerAgent', limit: 3, current: 3 },
      });
    }
  });

  it('maxAgentsPerOrganization counts live agents and pending requests across parents', async () => {
    const org = await createOrg();
    await setSpawnPolicy(org.apiKey, {
      enabled: true,
      maxDepth: 3,
      maxAgentsPerOrganization: 5,
      requireApprovalFromDepth: 2,
    } as never);
    const roots = await Promise.all([1, 2].map(() => createAgent(org.apiKey, SERVICE)));
    const kid = await spawnChild(org.apiKey, roots[0]!.id, { name: 'kid' });
    // Depth 2 needs approval: a pending request holds a place too.
    expect((await spawn(org.apiKey, kid.id, { name: 'pending' })).status).toBe(202);
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => spawn(org.apiKey, roots[i % 2]!.id, { name: `more ${i}` })),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.body.error?.code === 'spawn_quota_exceeded')).toHaveLength(5);
  });
});

describe('spawn quotas hold for spawns that wait for approval', () => {
  const receiver = new WebhookReceiver();
  const sql = testSql();
  afterAll(async () => {
    await receiver.stop();
    await sql.end();
  });

  it('maxChildrenPerAgent: 24 pending spawns at once, exactly the quota are written, with their audit rows and events', async () => {
    const org = await createOrg();
    const hook = await http('POST', '/v1/webhooks', {
      headers: keyHeaders(org.apiKey),
      body: { url: await receiver.start(), eventTypes: ['agent.spawn.requested'] },
    });
    expect(hook.status).toBe(201);
    await setSpawnPolicy(org.apiKey, {
      enabled: true,
      maxDepth: 3,
      requireApprovalFromDepth: 1,
      maxChildrenPerAgent: 5,
    } as never);
    const parent = await createAgent(org.apiKey, SERVICE);
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, i) => spawn(org.apiKey, parent.id, { name: `waiting ${i}` })),
    );
    const pending = answers.filter((a) => a.status === 202);
    expect(pending).toHaveLength(5);
    const refused = answers.filter((a) => a.status === 403);
    expect(refused).toHaveLength(19);
    for (const r of refused) {
      expect(r.body.error).toMatchObject({
        code: 'spawn_quota_exceeded',
        details: { quota: 'maxChildrenPerAgent', limit: 5, current: 5 },
      });
    }
    // A refused spawn leaves nothing behind: not its request, not its audit entry.
    const listed = await http('GET', '/v1/agents/spawn-requests?limit=200', { headers: keyHeaders(org.apiKey) });
    const ids = (listed.body.spawnRequests as { id: string; status: string }[]).map((r) => r.id).sort();
    expect(ids).toEqual(pending.map((a) => a.body.spawnRequestId as string).sort());
    const audit = await http('GET', '/v1/audit?action=agent.spawn_requested&limit=100', {
      headers: keyHeaders(org.apiKey),
    });
    expect((audit.body.entries as { target: { id: string } }[]).map((e) => e.target.id).sort()).toEqual(ids);
    // The event rows were sent before the COMMIT, inside the transaction: a refused spawn has none.
    const messages = await sql<{ id: string }[]>`
      select payload->'data'->>'spawnRequestId' as id from webhook_messages
      where organization_id = ${org.id} and type = 'agent.spawn.requested'`;
    expect(messages.map((m) => m.id).sort()).toEqual(ids);
  });
});

describe('spawn quotas free their places when the state they counted changes', () => {
  it('a revoked child and a rejected request each give their place back; a suspended child keeps it', async () => {
    const org = await createOrg();
    await setSpawnPolicy(org.apiKey, {
      enabled: true,
      maxDepth: 3,
      maxChildrenPerAgent: 2,
      requireApprovalForPermissions: ['events:read'],
    } as never);
    const parent = await createAgent(org.apiKey, {
      name: 'svc',
      type: 'SERVICE_ACCOUNT',
      permissions: ['events:write', 'events:read'],
    });
    const kid = await spawnChild(org.apiKey, parent.id, { name: 'kid', permissions: ['events:write'] });
    const pending = await spawn(org.apiKey, parent.id, { name: 'asks', permissions: ['events:read'] });
    expect(pending.status).toBe(202);
    const full = () => spawn(org.apiKey, parent.id, { name: 'more', permissions: ['events:write'] });
    expect((await full()).body.error?.code).toBe('spawn_quota_exceeded');

    const post = (path: string) => http('POST', path, { headers: keyHeaders(org.apiKey), body: { reason: 'test' } });
    expect((await post(`/v1/agents/${kid.id}/suspend`)).status).toBe(200);
    expect((await full()).body.error?.code).toBe('spawn_quota_exceeded');
    expect((await post(`/v1/agents/${kid.id}/revoke`)).status).toBe(200);
    const afterRevoke = await full();
    expect(afterRevoke.status).toBe(201);

    expect((await full()).body.error?.code).toBe('spawn_quota_exceeded');
    // The key that asked may not decide: a second ADMIN key rejects.
    const admin = await http('POST', `/admin/organizations/${org.id}/keys`, {
      headers: adminHeaders(),
      body: { role: 'ADMIN' },
    });
    const rejected = await http('POST', `/v1/agents/spawn-requests/${pending.body.spawnRequestId}/reject`, {
      headers: keyHeaders(admin.body.apiKey),
      body: { reason: 'test' },
    });
    expect(rejected.status).toBe(200);
    expect((await full()).status).toBe(201);
    expect((await full()).body.error?.code).toBe('spawn_quota_exceeded');
  });
});

describe('agent listings are paginated', () => {
  it('GET /v1/agents pages newest first with limit and nextCursor, never repeating', async () => {
    const org = await createOrg();
    const made: string[] = [];
    for (let i = 0; i < 5; i += 1) made.push((await createAgent(org.apiKey, { ...SERVICE, name: `a${i}` })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await http('GET', `/v1/agents${query}`, { headers: keyHeaders(org.apiKey) });
      expect(page.status).toBe(200);
      expect(page.body.agents.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.agents.map((a: { id: string }) => a.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
    const bad = await http('GET', '/v1/agents?cursor=nonsense', { headers: keyHeaders(org.apiKey) });
    expect(bad.status).toBe(400);
  });

  it('GET /v1/agents/tree pages by root, each root with its whole family', async () => {
    const org = await createOrg();
    await setSpawnPolicy(org.apiKey, { enabled: true, maxDepth: 3 });
    const roots = [];
    for (let i = 0; i < 3; i += 1) {
      const root = await createAgent(org.apiKey, { ...SERVICE, name: `root ${i}` });
      await spawnChild(org.apiKey, root.id, { name: `child of ${i}` });
      roots.push(root.id);
    }
    const first = await http('GET', '/v1/agents/tree?limit=2', { headers: keyHeaders(org.apiKey) });
    expect(first.body.roots.map((r: { id: string }) => r.id)).toEqual([roots[2], roots[1]]);
    expect(first.body.roots.every((r: { children: unknown[] }) => r.children.length === 1)).toBe(true);
    expect(first.body.total).toBe(4);
    const second = await http('GET', `/v1/agents/tree?limit=2&cursor=${first.body.nextCursor}`, {
      headers: keyHeaders(org.apiKey),
    });
    expect(second.body.roots.map((r: { id: string }) => r.id)).toEqual([roots[0]]);
    expect(second.body.nextCursor).toBeNull();
  });
});
