import { createAgent } from '../helpers/agents';
import { keyHeaders, uniqueUserId } from '../helpers/events';
import { me, setSpawnPolicy, spawnChild } from '../helpers/spawn';
import { createOrg, http } from '../helpers/http';

const FULL = ['events:write', 'events:read', 'users:resolve'];

async function family() {
  const org = await createOrg();
  await setSpawnPolicy(org.apiKey, { enabled: true, maxDepth: 3 });
  const root = await createAgent(org.apiKey, { name: 'root', type: 'SERVICE_ACCOUNT', permissions: FULL });
  const child = await spawnChild(root.apiKey, root.id, { name: 'child' });
  const owner = keyHeaders(org.apiKey);
  const write = (key: string, type = 'review.posted') =>
    http('POST', '/events', { headers: keyHeaders(key), body: { type, userId: uniqueUserId() } });
  const patch = (id: string, body: unknown) => http('PATCH', `/v1/agents/${id}`, { headers: owner, body });
  const lifecycle = (id: string, what: string) => http('POST', `/v1/agents/${id}/${what}`, { headers: owner });
  return { org, root, child, owner, write, patch, lifecycle };
}

describe('a child is never wider than its ancestors as they are now (at every request)', () => {
  it('the reported case: suspend, narrow and revoke the root; the child follows each time', async () => {
    const { root, child, write, patch, lifecycle } = await family();
    expect((await write(child.apiKey)).status).toBe(201);

    expect((await lifecycle(root.id, 'suspend')).status).toBe(200);
    const whileSuspended = await write(child.apiKey);
    expect(whileSuspended.status).toBe(401);
    expect(whileSuspended.body.error).toMatchObject({
      code: 'ancestor_inactive',
      details: { ancestorId: root.id, status: 'SUSPENDED' },
    });

    expect((await lifecycle(root.id, 'reactivate')).status).toBe(200);
    expect((await write(child.apiKey)).status).toBe(201);

    expect((await patch(root.id, { permissions: ['events:read'] })).status).toBe(200);
    expect((await write(root.apiKey)).status).toBe(403);
    const narrowed = await write(child.apiKey);
    expect(narrowed.status).toBe(403);
    expect(narrowed.body.error.code).toBe('permission_denied');
    expect((await me(child.apiKey)).body.effective.permissions).toEqual(['events:read']);

    expect((await lifecycle(root.id, 'revoke')).status).toBe(200);
    const afterRevoke = await write(child.apiKey);
    expect(afterRevoke.status).toBe(401);
    expect(afterRevoke.body.error).toMatchObject({ code: 'ancestor_inactive', details: { status: 'REVOKED' } });
  });

  it('a grandchild is refused while a middle ancestor is suspended, and restored with it', async () => {
    const { root, child, lifecycle } = await family();
    const grandchild = await spawnChild(child.apiKey, child.id, { name: 'grandchild' });
    await lifecycle(child.id, 'suspend');
    expect((await me(grandchild.apiKey)).body.error).toMatchObject({
      code: 'ancestor_inactive',
      details: { ancestorId: child.id },
    });
    expect((await me(root.apiKey)).status).toBe(200);
    await lifecycle(child.id, 'reactivate');
    expect((await me(grandchild.apiKey)).status).toBe(200);
  });

  it('acting through a partner key and x-mir-agent-id is held to the same rule', async () => {
    const { org, root, lifecycle } = await family();
    await spawnChild(root.apiKey, root.id, { name: 'kid', agentExternalId: 'kid' });
    const asChild = { ...keyHeaders(org.apiKey), 'x-mir-agent-id': 'kid' };
    expect((await http('GET', '/events', { headers: asChild })).status).toBe(200);
    await lifecycle(root.id, 'suspend');
    const res = await http('GET', '/events', { headers: asChild });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('ancestor_inactive');
  });

  it('event allowlists, rate limit and bulk cap narrow with the parent', async () => {
    const { root, child, write, patch } = await family();
    expect(
      (await patch(root.id, { allowedEventPatterns: ['listing.*'], rateLimitPerMinute: 7, maxBulkItems: 2 })).status,
    ).toBe(200);
    const refused = await write(child.apiKey, 'review.posted');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('event_type_not_allowed');
    const allowed = await write(child.apiKey, 'listing.created');
    expect(allowed.status).toBe(201);
    expect(allowed.headers.get('ratelimit-limit')).toBe('7');
    expect((await me(child.apiKey)).body.effective).toMatchObject({ rateLimitPerMinute: 7, maxBulkItems: 2 });
    const events = Array.from({ length: 3 }, () => ({ type: 'listing.created', userId: uniqueUserId() }));
    const bulk = await http('POST', '/events/bulk', { headers: keyHeaders(child.apiKey), body: { events } });
    expect(bulk.status).toBe(400);
    expect(bulk.body.error.code).toBe('bulk_limit_exceeded');
  });

  it('a family shares its root’s per-minute budget: spawning does not multiply it', async () => {
    const org = await createOrg();
    await setSpawnPolicy(org.apiKey, { enabled: true, maxDepth: 3 });
    const root = await createAgent(org.apiKey, {
      name: 'root',
      type: 'SERVICE_ACCOUNT',
      permissions: FULL,
      rateLimitPerMinute: 6,
    });
    const kids = await Promise.all([1, 2, 3].map((i) => spawnChild(root.apiKey, root.id, { name: `kid ${i}` })));
    // Spawning counted against the root's budget too; what is left is shared by all four.
    const answers = await Promise.all(
      [root, ...kids, ...kids, ...kids].map((a) => http('GET', '/v1/agents/me', { headers: keyHeaders(a.apiKey) })),
    );
    const ok = answers.filter((a) => a.status === 200).length;
    expect(ok).toBeLessThanOrEqual(6 - 3);
    for (const refused of answers.filter((a) => a.status === 429)) {
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('PATCH checks the child against its parent under both row locks: concurrent narrowing and widening', async () => {
    const { root, child, owner, patch } = await family();
    expect((await patch(child.id, { permissions: ['events:read'] })).status).toBe(200);
    const [narrowing, ...widenings] = await Promise.all([
      patch(root.id, { permissions: ['events:read'] }),
      ...Array.from({ length: 10 }, () => patch(child.id, { permissions: ['events:read', 'events:write'] })),
    ]);
    expect(narrowing!.status).toBe(200);
    // Each widening was judged against the parent as it was at that instant, never a stale read.
    for (const w of widenings) expect([200, 403]).toContain(w.status);
    const parent = await http('GET', `/v1/agents/${root.id}`, { headers: owner });
    expect(parent.body.permissions).toEqual(['events:read']);
    // Whatever the interleaving, what the child may do stays within the parent.
    expect((await me(child.apiKey)).body.effective.permissions).toEqual(['events:read']);
    const later = await patch(child.id, { permissions: ['events:read', 'events:write'] });
    expect(later.status).toBe(403);
    expect(later.body.error.code).toBe('escalation_denied');
  });
});
