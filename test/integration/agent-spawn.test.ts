import fc from 'fast-check';
import { AI_BOT, createAgent, issueKey } from '../helpers/agents';
import { testSql } from '../helpers/db';
import { keyHeaders } from '../helpers/events';
import { createOrg, http } from '../helpers/http';
import { me, setSpawnPolicy, spawn, spawnChild } from '../helpers/spawn';
import { childArb, effective, parentArb, widenedFields } from '../helpers/spawn-oracle';
import { describePartnerKeySecurity } from '../helpers/security';

jest.setTimeout(120_000);
const sql = testSql();
afterAll(() => sql.end());

async function orgWithSpawning(maxDepth = 5) {
  const org = await createOrg();
  await setSpawnPolicy(org.apiKey, { enabled: true, maxDepth });
  return org;
}

const getAgent = (key: string, id: string) => http('GET', `/v1/agents/${id}`, { headers: keyHeaders(key) });

describe('spawnPolicy in PATCH /portal/api/settings', () => {
  it('OWNER only, validated, answered back and audited', async () => {
    const org = await createOrg();
    const patch = (key: string, spawnPolicy: unknown) =>
      http('PATCH', '/portal/api/settings', { headers: keyHeaders(key), body: { spawnPolicy } });
    const admin = await issueKey(org.id, 'ADMIN');
    expect((await patch(admin, { enabled: true, maxDepth: 3 })).body.error.code).toBe('role_required');
    for (const bad of [{ enabled: true, maxDepth: 0 }, { enabled: true, maxDepth: 21 }, { enabled: true }]) {
      expect((await patch(org.apiKey, bad)).status).toBe(400);
    }
    const policy = {
      enabled: true,
      maxDepth: 3,
      requireApprovalFromDepth: 2,
      requireApprovalForPermissions: ['events:read'],
    };
    const res = await patch(org.apiKey, policy);
    expect(res.status).toBe(200);
    expect(res.body.settings.spawnPolicy).toEqual(policy);
    const [audit] =
      await sql`select details from audit_log where organization_id = ${org.id} and action = 'settings.updated'`;
    expect(audit!.details).toEqual({ before: { spawnPolicy: null }, after: { spawnPolicy: policy } });
  });
});

describe('POST /v1/agents/:id/spawn', () => {
  it("with the parent's own key: the child joins the organisation, inherits what it omits, and its key works", async () => {
    const org = await orgWithSpawning();
    const parent = await createAgent(org.apiKey, AI_BOT);
    const res = await spawn(parent.apiKey, parent.id, { name: 'Sub bot' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Sub bot',
      type: 'AI_AGENT',
      status: 'ACTIVE',
      permissions: ['events:write'],
      allowedEventTypes: AI_BOT.allowedEventTypes,
      allowedEventPatterns: AI_BOT.allowedEventPatterns,
      rateLimitPerMinute: 100,
      maxBulkItems: 25,
      requireIdempotency: true,
      parentId: parent.id,
      rootId: parent.id,
      spawnDepth: 1,
      membershipSource: 'SPAWNED',
      apiKey: expect.stringMatching(/^mir_agent_/),
    });
    const self = await me(res.body.apiKey);
    expect(self.status).toBe(200);
    expect(self.body).toMatchObject({ id: res.body.id, parentId: parent.id, membershipSource: 'SPAWNED' });
    const [row] = await sql`select organization_id, ancestry from agents where id = ${res.body.id}`;
    expect(row).toEqual({ organization_id: org.id, ancestry: `${parent.id}/` });
    const audits = await sql`select actor_type, actor_id, details from audit_log where target_id = ${res.body.id}`;
    expect(audits).toEqual([
      { actor_type: 'agent', actor_id: parent.id, details: expect.objectContaining({ parentId: parent.id }) },
    ]);
    const grandchild = await spawnChild(res.body.apiKey, res.body.id, { name: 'Sub sub' });
    expect(grandchild).toMatchObject({ parentId: res.body.id, rootId: parent.id, spawnDepth: 2 });
  });

  it('a narrower child is accepted (review.* covers review.posted); widening it back is refused', async () => {
    const org = await orgWithSpawning();
    const parent = await createAgent(org.apiKey, AI_BOT);
    const narrow = await spawnChild(org.apiKey, parent.id, {
      name: 'Reviews only',
      allowedEventTypes: ['mir.review.posted'],
      allowedEventPatterns: [],
      rateLimitPerMinute: 10,
      maxBulkItems: 5,
    });
    expect(narrow).toMatchObject({ allowedEventTypes: ['review.posted'], allowedEventPatterns: [] });
    const wider = await spawn(narrow.apiKey, narrow.id, { name: 'Wider', allowedEventPatterns: ['review.*'] });
    expect(wider.status).toBe(403);
    expect(wider.body.error).toMatchObject({
      code: 'escalation_denied',
      details: [expect.objectContaining({ field: 'allowedEventPatterns', requested: ['review.*'] })],
    });
  });

  it('403 escalation_denied lists every widened field at once', async () => {
    const org = await orgWithSpawning();
    const parent = await createAgent(org.apiKey, AI_BOT);
    const res = await spawn(org.apiKey, parent.id, {
      name: 'Greedy',
      type: 'SERVICE_ACCOUNT',
      permissions: ['events:write', 'events:read'],
      allowedEventTypes: ['account.verified'],
      allowedEventPatterns: ['transaction.*'],
      rateLimitPerMinute: 101,
      maxBulkItems: null,
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('escalation_denied');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual([
      'type',
      'permissions',
      'allowedEventTypes',
      'allowedEventPatterns',
      'rateLimitPerMinute',
      'maxBulkItems',
    ]);
    expect((await sql`select count(*)::int as n from agents where parent_id = ${parent.id}`)[0]!.n).toBe(0);
  });

  it('403 spawn_disabled without a policy, max_depth_exceeded beyond maxDepth', async () => {
    const off = await createOrg();
    const lone = await createAgent(off.apiKey, AI_BOT);
    expect((await spawn(off.apiKey, lone.id, { name: 'x' })).body.error.code).toBe('spawn_disabled');
    await setSpawnPolicy(off.apiKey, { enabled: false, maxDepth: 3 });
    expect((await spawn(lone.apiKey, lone.id, { name: 'x' })).body.error.code).toBe('spawn_disabled');

    const org = await orgWithSpawning(2);
    const root = await createAgent(org.apiKey, AI_BOT);
    const one = await spawnChild(root.apiKey, root.id, { name: 'one' });
    const two = await spawnChild(one.apiKey, one.id, { name: 'two' });
    const three = await spawn(two.apiKey, two.id, { name: 'three' });
    expect(three.status).toBe(403);
    expect(three.body.error).toMatchObject({ code: 'max_depth_exceeded', details: { depth: 3, maxDepth: 2 } });
  });

  it('403 when the parent or any ancestor is not ACTIVE', async () => {
    const org = await orgWithSpawning();
    const root = await createAgent(org.apiKey, AI_BOT);
    const mid = await spawnChild(org.apiKey, root.id, { name: 'mid' });
    const leaf = await spawnChild(org.apiKey, mid.id, { name: 'leaf' });
    await http('POST', `/v1/agents/${root.id}/suspend`, { headers: keyHeaders(org.apiKey) });
    const res = await spawn(org.apiKey, leaf.id, { name: 'x' });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'parent_not_active', details: { ancestor: { id: root.id } } });
    await http('POST', `/v1/agents/${root.id}/reactivate`, { headers: keyHeaders(org.apiKey) });
    await http('POST', `/v1/agents/${mid.id}/revoke`, { headers: keyHeaders(org.apiKey) });
    expect((await spawn(org.apiKey, mid.id, { name: 'x' })).body.error.code).toBe('parent_not_active');
    expect((await spawn(org.apiKey, leaf.id, { name: 'x' })).body.error.code).toBe('parent_not_active');
  });

  it("only the parent's own key or an OWNER/ADMIN key may spawn", async () => {
    const org = await orgWithSpawning();
    const parent = await createAgent(org.apiKey, AI_BOT);
    const other = await createAgent(org.apiKey, { ...AI_BOT, name: 'Other' });
    const byOther = await spawn(other.apiKey, parent.id, { name: 'x' });
    expect(byOther.status).toBe(403);
    expect(byOther.body.error.code).toBe('forbidden');
    const member = await issueKey(org.id, 'MEMBER');
    expect((await spawn(member, parent.id, { name: 'x' })).body.error.code).toBe('role_required');
    const admin = await issueKey(org.id, 'ADMIN');
    expect((await spawn(admin, parent.id, { name: 'x' })).status).toBe(201);
    const stranger = await orgWithSpawning();
    expect((await spawn(stranger.apiKey, parent.id, { name: 'x' })).status).toBe(404);
  });

  it('an Idempotency-Key replay answers apiKey null and spawns nothing more', async () => {
    const org = await orgWithSpawning();
    const parent = await createAgent(org.apiKey, AI_BOT);
    const headers = { 'idempotency-key': `spawn-once-${parent.id}` };
    const first = await spawn(parent.apiKey, parent.id, { name: 'once' }, headers);
    const replay = await spawn(parent.apiKey, parent.id, { name: 'once' }, headers);
    expect(first.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toMatchObject({ id: first.body.id, apiKey: null });
    expect((await sql`select count(*)::int as n from agents where parent_id = ${parent.id}`)[0]!.n).toBe(1);
  });

  it('property: an accepted child never exceeds its parent; every refusal names exactly the real widenings', async () => {
    const org = await orgWithSpawning();
    await fc.assert(
      fc.asyncProperty(parentArb, childArb, async (parentInput, childInput) => {
        const parent = await createAgent(org.apiKey, { name: 'P', ...parentInput });
        // As stored: an AI_AGENT without maxBulkItems gets the guardrail's 25.
        const stored = { ...parentInput, maxBulkItems: parent.maxBulkItems as number | null };
        const res = await spawn(org.apiKey, parent.id, { name: 'C', ...childInput });
        const expected = widenedFields(stored, effective(stored, childInput));
        if (res.status === 403) {
          expect(res.body.error.code).toBe('escalation_denied');
          expect(new Set(res.body.error.details.map((d: { field: string }) => d.field))).toEqual(expected);
          return;
        }
        expect(expected).toEqual(new Set());
        if (res.status === 400) {
          expect(res.body.error.code).toBe('guardrail_violation');
          return;
        }
        expect(res.status).toBe(201);
        const child = (await getAgent(org.apiKey, res.body.id)).body;
        expect(widenedFields(stored, child)).toEqual(new Set());
        if (parentInput.type === 'AI_AGENT')
          expect(child).toMatchObject({ type: 'AI_AGENT', requireIdempotency: true });
      }),
      { numRuns: 40 },
    );
  });

  describePartnerKeySecurity('POST', '/v1/agents/agent_none/spawn', { name: 'x' });
});
