import { issueKey } from '../helpers/agents';
import { testSql } from '../helpers/db';
import { createOrg, http } from '../helpers/http';
import { describePartnerKeySecurity } from '../helpers/security';
import { eventually } from '../helpers/temporal';

const sql = testSql();
afterAll(() => sql.end());

const as = (apiKey: string, extra: Record<string, string> = {}) => ({ headers: { 'x-api-key': apiKey, ...extra } });
const keysOf = async (apiKey: string, query = '') => http('GET', `/portal/api/keys${query}`, as(apiKey));
const ownerKeyId = async (orgId: string) =>
  (await sql`select id from api_keys where organization_id = ${orgId} and role = 'OWNER' order by created_at`)[0]!
    .id as string;

describe('GET /portal/api/keys', () => {
  it("lists the organisation's keys newest first with id, role and prefix, never the key or its hash", async () => {
    const org = await createOrg();
    const created = await http('POST', '/portal/api/keys', { ...as(org.apiKey), body: { role: 'MEMBER', name: 'ci' } });
    expect(created.status).toBe(201);
    const res = await keysOf(org.apiKey);
    expect(res.status).toBe(200);
    expect(res.body.keys.map((k: { role: string }) => k.role)).toEqual(['MEMBER', 'OWNER']);
    expect(res.body.keys[1]).toEqual({
      id: await ownerKeyId(org.id),
      name: 'Owner key',
      role: 'OWNER',
      prefix: org.apiKey.slice(0, res.body.keys[1].prefix.length),
      createdAt: expect.any(String),
      lastUsedAt: expect.any(String),
      revokedAt: null,
    });
    const [hash] = await sql`select key_hash from api_keys where id = ${res.body.keys[1].id}`;
    expect(res.text).not.toContain(org.apiKey);
    expect(res.text).not.toContain(hash!.key_hash);
    expect(res.text).not.toContain(created.body.apiKey);
  });

  it('records when a key was last used, off the request path', async () => {
    const org = await createOrg();
    const made = await http('POST', '/portal/api/keys', { ...as(org.apiKey), body: { role: 'ANALYST' } });
    const unused = (await keysOf(org.apiKey)).body.keys.find((k: { id: string }) => k.id === made.body.id);
    expect(unused.lastUsedAt).toBeNull();
    const before = Date.now();
    expect((await http('GET', '/policy/health', as(made.body.apiKey))).status).toBe(200);
    const used = await eventually(async () => {
      const key = (await keysOf(org.apiKey)).body.keys.find((k: { id: string }) => k.id === made.body.id);
      return key.lastUsedAt ? key : undefined;
    }, 10_000);
    expect(Date.parse(used.lastUsedAt)).toBeGreaterThanOrEqual(before - 1_000);
  });

  it('pages with limit and cursor, hides revoked keys unless asked, and never shows another organisation', async () => {
    const org = await createOrg();
    const other = await createOrg();
    for (const role of ['ADMIN', 'MEMBER', 'ANALYST'] as const) await issueKey(org.id, role);
    const first = await keysOf(org.apiKey, '?limit=2');
    expect(first.body.keys).toHaveLength(2);
    const second = await keysOf(org.apiKey, `?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.keys).toHaveLength(2);
    expect(second.body.nextCursor).toBeNull();
    const ids = [...first.body.keys, ...second.body.keys].map((k: { id: string }) => k.id);
    expect(new Set(ids).size).toBe(4);
    const revoked = await http('POST', `/portal/api/keys/${ids[0]}/revoke`, as(org.apiKey));
    expect(revoked.status).toBe(200);
    expect((await keysOf(org.apiKey)).body.keys).toHaveLength(3);
    expect((await keysOf(org.apiKey, '?includeRevoked=true')).body.keys).toHaveLength(4);
    const theirs = await keysOf(other.apiKey, '?includeRevoked=true');
    expect(theirs.body.keys.map((k: { id: string }) => k.id)).not.toContain(ids[1]);
  });

  it('403 for MEMBER and ANALYST keys; 400 for a foreign cursor or an odd flag', async () => {
    const org = await createOrg();
    for (const role of ['MEMBER', 'ANALYST'] as const) {
      const res = await keysOf(await issueKey(org.id, role));
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('role_required');
    }
    for (const q of ['?cursor=%00%FF', '?includeRevoked=yes', '?limit=0']) {
      const res = await keysOf(org.apiKey, q);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
  });
});

describe('POST /portal/api/keys', () => {
  it('an ADMIN creates keys up to ADMIN, never OWNER; refused bodies create nothing', async () => {
    const org = await createOrg();
    const admin = await issueKey(org.id, 'ADMIN');
    const made = await http('POST', '/portal/api/keys', { ...as(admin), body: { role: 'ADMIN', name: 'deploy' } });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ role: 'ADMIN', name: 'deploy', apiKey: expect.stringMatching(/^mir_/) });
    expect((await http('GET', '/policy/health', as(made.body.apiKey))).status).toBe(200);
    const owner = await http('POST', '/portal/api/keys', { ...as(admin), body: { role: 'OWNER' } });
    expect(owner.status).toBe(403);
    expect(owner.body.error).toMatchObject({ code: 'role_required', details: { required: ['OWNER'], role: 'ADMIN' } });
    for (const body of [{ role: 'ROOT' }, { role: 'ADMIN', name: '' }, { role: 'ADMIN', keyHash: 'x' }, {}]) {
      const res = await http('POST', '/portal/api/keys', { ...as(org.apiKey), body });
      expect(res.status).toBe(400);
    }
    const [count] = await sql`select count(*)::int as n from api_keys where organization_id = ${org.id}`;
    expect(count!.n).toBe(3);
  });

  it('an Idempotency-Key replay creates one key and answers its key as null', async () => {
    const org = await createOrg();
    const opts = { ...as(org.apiKey, { 'idempotency-key': `k-${Date.now()}` }), body: { role: 'MEMBER' } };
    const [a, b] = [await http('POST', '/portal/api/keys', opts), await http('POST', '/portal/api/keys', opts)];
    expect(a.body.apiKey).toMatch(/^mir_/);
    expect(b.body).toEqual({ ...a.body, apiKey: null });
    const [count] = await sql`select count(*)::int as n from api_keys where organization_id = ${org.id}`;
    expect(count!.n).toBe(2);
  });
});

describe('POST /portal/api/keys/:id/revoke', () => {
  it('the key is refused on the next request; revoking again answers the first revocation', async () => {
    const org = await createOrg();
    const made = await http('POST', '/portal/api/keys', { ...as(org.apiKey), body: { role: 'MEMBER' } });
    const first = await http('POST', `/portal/api/keys/${made.body.id}/revoke`, as(org.apiKey));
    expect(first.status).toBe(200);
    expect(first.body.revokedAt).not.toBeNull();
    expect((await http('GET', '/policy/health', as(made.body.apiKey))).status).toBe(401);
    const again = await http('POST', `/portal/api/keys/${made.body.id}/revoke`, as(org.apiKey));
    expect(again.body.revokedAt).toBe(first.body.revokedAt);
    const audit =
      await sql`select action, actor_id from audit_log where target_id = ${made.body.id} order by created_at`;
    expect(audit.map((a) => a.action)).toEqual(['api_key.created', 'api_key.revoked']);
  });

  it('the last OWNER key cannot be revoked: 409 last_owner_key, and the key still works', async () => {
    const org = await createOrg();
    const res = await http('POST', `/portal/api/keys/${await ownerKeyId(org.id)}/revoke`, as(org.apiKey));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('last_owner_key');
    expect((await http('GET', '/policy/health', as(org.apiKey))).status).toBe(200);
  });

  it('two OWNER keys revoking each other at once: exactly one is revoked, one OWNER key remains', async () => {
    for (let round = 0; round < 10; round += 1) {
      const org = await createOrg();
      const second = await http('POST', '/portal/api/keys', { ...as(org.apiKey), body: { role: 'OWNER' } });
      const firstId = await ownerKeyId(org.id);
      const answers = await Promise.all([
        http('POST', `/portal/api/keys/${second.body.id}/revoke`, as(org.apiKey)),
        http('POST', `/portal/api/keys/${firstId}/revoke`, as(second.body.apiKey)),
      ]);
      const statuses = answers.map((a) => a.status).sort();
      // The loser is refused either as the last owner (409) or, its own key revoked first, at the door (401).
      expect([
        [200, 409],
        [200, 401],
      ]).toContainEqual(statuses);
      const [left] =
        await sql`select count(*)::int as n from api_keys where organization_id = ${org.id} and role = 'OWNER' and revoked_at is null`;
      expect(left!.n).toBe(1);
    }
  });

  it("an ADMIN cannot revoke an OWNER key; another organisation's key id is 404", async () => {
    const org = await createOrg();
    const other = await createOrg();
    const admin = await issueKey(org.id, 'ADMIN');
    const res = await http('POST', `/portal/api/keys/${await ownerKeyId(org.id)}/revoke`, as(admin));
    expect(res.status).toBe(403);
    const foreign = await http('POST', `/portal/api/keys/${await ownerKeyId(other.id)}/revoke`, as(org.apiKey));
    expect(foreign.status).toBe(404);
    expect((await http('GET', '/policy/health', as(other.apiKey))).status).toBe(200);
    const odd = await http('POST', `/portal/api/keys/${'x'.repeat(65)}/revoke`, as(org.apiKey));
    expect(odd.status).toBe(400);
  });
});

describe('POST /portal/api/keys/:id/rotate', () => {
  it('answers a new key with the same name and role; the old key stops at once', async () => {
    const org = await createOrg();
    const made = await http('POST', '/portal/api/keys', { ...as(org.apiKey), body: { role: 'ADMIN', name: 'ops' } });
    const res = await http('POST', `/portal/api/keys/${made.body.id}/rotate`, as(org.apiKey));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'ADMIN', name: 'ops', replaces: made.body.id });
    expect(res.body.id).not.toBe(made.body.id);
    expect((await http('GET', '/policy/health', as(made.body.apiKey))).status).toBe(401);
    expect((await http('GET', '/policy/health', as(res.body.apiKey))).status).toBe(200);
  });

  it('two rotations of one key at once: one new key, the other answer 409; a revoked key is 409', async () => {
    const org = await createOrg();
    const made = await http('POST', '/portal/api/keys', { ...as(org.apiKey), body: { role: 'MEMBER' } });
    const answers = await Promise.all(
      [1, 2].map(() => http('POST', `/portal/api/keys/${made.body.id}/rotate`, as(org.apiKey))),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const [live] =
      await sql`select count(*)::int as n from api_keys where organization_id = ${org.id} and role = 'MEMBER' and revoked_at is null`;
    expect(live!.n).toBe(1);
  });

  it('the only OWNER key can rotate itself: the organisation keeps exactly one working OWNER key', async () => {
    const org = await createOrg();
    const res = await http('POST', `/portal/api/keys/${await ownerKeyId(org.id)}/rotate`, as(org.apiKey));
    expect(res.status).toBe(200);
    expect((await http('GET', '/policy/health', as(org.apiKey))).status).toBe(401);
    expect((await keysOf(res.body.apiKey)).body.keys).toEqual([expect.objectContaining({ role: 'OWNER' })]);
  });
});

describe('GET /portal/api/settings', () => {
  it('reads what PATCH wrote, for OWNER and ADMIN; MEMBER is 403', async () => {
    const org = await createOrg();
    const fresh = await http('GET', '/portal/api/settings', as(org.apiKey));
    expect(fresh.status).toBe(200);
    expect(fresh.body.settings).toMatchObject({ enforceAgentAuth: false, linkRedirectOrigins: [] });
    const patch = await http('PATCH', '/portal/api/settings', {
      ...as(org.apiKey),
      body: { linkInviteTtlSeconds: 600 },
    });
    expect(patch.status).toBe(200);
    const read = await http('GET', '/portal/api/settings', as(await issueKey(org.id, 'ADMIN')));
    expect(read.body).toEqual(patch.body);
    expect((await http('GET', '/portal/api/settings', as(await issueKey(org.id, 'MEMBER')))).status).toBe(403);
  });
});

describePartnerKeySecurity('GET', '/portal/api/keys');
describePartnerKeySecurity('POST', '/portal/api/keys', { role: 'MEMBER' });
describePartnerKeySecurity('GET', '/portal/api/settings');
