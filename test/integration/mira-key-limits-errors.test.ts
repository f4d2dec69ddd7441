import { testSql } from '../helpers/db';
import { adminHeaders, http } from '../helpers/http';
import { createMiraOrg, mira } from '../helpers/mira';
import { describeAdminSecurity } from '../helpers/security';

/** What setting a Mira key's rate limit refuses, and that a refusal changes nothing. */
const sql = testSql();
afterAll(() => sql.end());

const NO_ORG = '00000000-0000-4000-8000-000000000000';
const admin = (method: string, path: string, body?: unknown) =>
  http(method, `/admin/mira/organizations${path}`, { headers: adminHeaders(), body });
const limits = async (orgId: string) =>
  (
    await sql`select id, rate_limit_per_minute from mira_api_keys where organization_id = ${orgId} order by created_at, id`
  ).map((r) => [r.id, r.rate_limit_per_minute]);

describeAdminSecurity('PATCH', `/admin/mira/organizations/${NO_ORG}/keys/${NO_ORG}`, { rateLimitPerMinute: 5 });

const BAD = [0, -1, 1.5, '10', 100_000_001, true, {}, [], Number.MAX_SAFE_INTEGER + 2];

describe('Mira key rate limits: errors', () => {
  it('400 for a limit out of range, not a whole number, a string, a missing or unknown field; nothing changes', async () => {
    const org = await createMiraOrg();
    const created = await admin('POST', `/${org.id}/keys`, { rateLimitPerMinute: 50 });
    expect(created.status).toBe(201);
    const before = await limits(org.id);
    expect(before.map(([, l]) => l)).toEqual([null, 50]);
    const bodies = [
      ...BAD.map((rateLimitPerMinute) => ({ rateLimitPerMinute })),
      {},
      { rateLimitPerMinute: 5, readOnly: true },
      { rateLimitPerMinute: 5, extra: 1 },
    ];
    for (const body of bodies) {
      const res = await admin('PATCH', `/${org.id}/keys/${created.body.id}`, body);
      expect({ body, status: res.status, code: res.body.error?.code }).toEqual({
        body,
        status: 400,
        code: expect.any(String),
      });
    }
    // A new key with a bad limit is not made at all.
    for (const rateLimitPerMinute of BAD) {
      expect((await admin('POST', `/${org.id}/keys`, { rateLimitPerMinute })).status).toBe(400);
    }
    expect(await limits(org.id)).toEqual(before);
    expect((await mira('GET', '/users', created.body.apiKey)).headers.get('ratelimit-limit')).toBe('50');
  });

  it("404 for an unknown organisation or key, another organisation's key, and odd bytes in either id", async () => {
    const org = await createMiraOrg();
    const elsewhere = await createMiraOrg();
    const theirs = (await admin('GET', `/${elsewhere.id}/keys`)).body.keys[0].id as string;
    const mine = (await admin('GET', `/${org.id}/keys`)).body.keys[0].id as string;
    const odd = ['%00', `${mine}%00`, '%F0%9F%94%91', '%E2%80%AE', 'a'.repeat(64), 'not-a-uuid'];
    const unknown = [`/${org.id}/keys/${NO_ORG}`, `/${org.id}/keys/${theirs}`, `/${NO_ORG}/keys/${theirs}`];
    for (const target of unknown) {
      const res = await admin('PATCH', target, { rateLimitPerMinute: 7 });
      expect({ target, status: res.status, code: res.body.error?.code }).toEqual({
        target,
        status: 404,
        code: 'not_found',
      });
    }
    // NUL is refused as input (400) before any lookup; other odd ids name no key (404).
    for (const target of odd.flatMap((bad) => [`/${org.id}/keys/${bad}`, `/${bad}/keys/${mine}`])) {
      const res = await admin('PATCH', target, { rateLimitPerMinute: 7 });
      expect({ target, refused: [400, 404].includes(res.status), code: res.body.error?.code }).toEqual({
        target,
        refused: true,
        code: expect.stringMatching(/^(not_found|validation_failed)$/),
      });
    }
    expect((await admin('PATCH', `/${org.id}/keys/${'a'.repeat(65)}`, { rateLimitPerMinute: 7 })).status).toBe(400);
    expect((await limits(org.id)).map(([, l]) => l)).toEqual([null]);
    expect((await limits(elsewhere.id)).map(([, l]) => l)).toEqual([null]);
  });

  it('the column refuses what the API would, should a limit be written around it', async () => {
    const org = await createMiraOrg();
    for (const bad of [0, -1, 100_000_001]) {
      await expect(
        sql`update mira_api_keys set rate_limit_per_minute = ${bad} where organization_id = ${org.id}`,
      ).rejects.toThrow(/mira_api_keys_rate_limit_check/);
    }
  });
});
