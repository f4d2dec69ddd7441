import { testSql } from '../helpers/db';
import { adminHeaders, createOrg, http } from '../helpers/http';
import { describeAdminSecurity } from '../helpers/security';

const sql = testSql();
afterAll(() => sql.end());

describe('POST /admin/organizations', () => {
  it('creates the organisation with a working OWNER key, stored only as a hash, audited', async () => {
    const res = await http('POST', '/admin/organizations', {
      headers: adminHeaders(),
      body: { name: 'Acme', plan: 'enterprise' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^org_/),
      name: 'Acme',
      plan: 'enterprise',
      apiKey: expect.stringMatching(/^mir_/),
      apiKeyId: expect.stringMatching(/^key_/),
    });

    const health = await http('GET', '/policy/health', { headers: { 'x-api-key': res.body.apiKey } });
    expect(health.status).toBe(200);
    expect(health.body.organizationId).toBe(res.body.id);

    const keys = await sql`select * from api_keys where organization_id = ${res.body.id}`;
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ role: 'OWNER', revoked_at: null });
    expect(keys[0]!.key_hash).toMatch(/^[0-9a-f]{64}$/);
    const everything = JSON.stringify(
      await sql`select o.*, k.*, a.* from organizations o join api_keys k on k.organization_id = o.id join audit_log a on a.organization_id = o.id where o.id = ${res.body.id}`,
    );
    expect(everything).not.toContain(res.body.apiKey);
    expect(everything).not.toContain(res.body.apiKey.slice(12));

    const audit =
      await sql`select action, actor_type, request_id from audit_log where organization_id = ${res.body.id} order by action`;
    expect(audit.map((a) => a.action)).toEqual(['api_key.created', 'organization.created']);
    expect(audit[0]!.actor_type).toBe('admin');
    expect(audit[0]!.request_id).toBe(res.headers.get('x-request-id'));
  });

  it('400 with details for a missing name or an unknown plan, and creates nothing', async () => {
    // A name of its own: other test files create organisations concurrently.
    const name = `Refused ${Date.now()} ${Math.random()}`;
    const missing = await http('POST', '/admin/organizations', {
      headers: adminHeaders(),
      body: { plan: 'enterprise' },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({
      code: 'validation_failed',
      details: [expect.objectContaining({ path: 'name' })],
    });
    const badPlan = await http('POST', '/admin/organizations', {
      headers: adminHeaders(),
      body: { name, plan: 'gold' },
    });
    expect(badPlan.status).toBe(400);
    expect(badPlan.body.error.details[0].path).toBe('plan');
    const extra = await http('POST', '/admin/organizations', {
      headers: adminHeaders(),
      body: { name, plan: 'standard', owner: 'me' },
    });
    expect(extra.status).toBe(400);
    const stored = (await sql`select count(*)::int as count from organizations where name = ${name}`)[0]!.count;
    expect(stored).toBe(0);
  });

  describeAdminSecurity('POST', '/admin/organizations', { name: 'Nope', plan: 'standard' });
});

describe('POST /admin/organizations/:id/keys', () => {
  it('issues a key with the requested role that works immediately', async () => {
    const org = await createOrg();
    const res = await http('POST', `/admin/organizations/${org.id}/keys`, {
      headers: adminHeaders(),
      body: { role: 'ANALYST', name: 'reporting' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^key_/),
      role: 'ANALYST',
      name: 'reporting',
      apiKey: expect.stringMatching(/^mir_/),
    });
    expect(res.body.apiKey).not.toBe(org.apiKey);
    const health = await http('GET', '/policy/health', { headers: { 'x-api-key': res.body.apiKey } });
    expect(health.status).toBe(200);
  });

  it('404 for an unknown organisation, 400 for an unknown role', async () => {
    const missing = await http('POST', '/admin/organizations/org_nope/keys', {
      headers: adminHeaders(),
      body: { role: 'ADMIN' },
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    const org = await createOrg();
    const badRole = await http('POST', `/admin/organizations/${org.id}/keys`, {
      headers: adminHeaders(),
      body: { role: 'ROOT' },
    });
    expect(badRole.status).toBe(400);
    expect(badRole.body.error.details[0].path).toBe('role');
  });

  describeAdminSecurity('POST', '/admin/organizations/org_x/keys', { role: 'ADMIN' });
});

describe('POST /admin/organizations/:id/keys/:keyId/revoke', () => {
  it('revokes idempotently and writes one audit row', async () => {
    const org = await createOrg();
    const key = await http('POST', `/admin/organizations/${org.id}/keys`, {
      headers: adminHeaders(),
      body: { role: 'MEMBER' },
    });
    const path = `/admin/organizations/${org.id}/keys/${key.body.id}/revoke`;
    const first = await http('POST', path, { headers: adminHeaders() });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ id: key.body.id, revoked: true, revokedAt: expect.any(String) });
    const second = await http('POST', path, { headers: adminHeaders() });
    expect(second.status).toBe(200);
    expect(second.body.revokedAt).toBe(first.body.revokedAt);
    const audits =
      await sql`select count(*)::int as count from audit_log where target_id = ${key.body.id} and action = 'api_key.revoked'`;
    expect(audits[0]!.count).toBe(1);
    expect((await http('GET', '/policy/health', { headers: { 'x-api-key': key.body.apiKey } })).status).toBe(401);
    expect((await http('GET', '/policy/health', { headers: { 'x-api-key': org.apiKey } })).status).toBe(200);
  });

  it("404 for another organisation's key", async () => {
    const a = await createOrg();
    const b = await createOrg();
    const keyOfA = (await sql`select id from api_keys where organization_id = ${a.id}`)[0]!.id;
    const res = await http('POST', `/admin/organizations/${b.id}/keys/${keyOfA}/revoke`, { headers: adminHeaders() });
    expect(res.status).toBe(404);
    expect((await http('GET', '/policy/health', { headers: { 'x-api-key': a.apiKey } })).status).toBe(200);
  });

  describeAdminSecurity('POST', '/admin/organizations/org_x/keys/key_x/revoke');
});
