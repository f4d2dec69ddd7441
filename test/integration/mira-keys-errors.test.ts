import { testSql } from '../helpers/db';
import { adminHeaders, http } from '../helpers/http';
import { createMiraKey, createMiraOrg, mira } from '../helpers/mira';
import { rawRequest } from '../helpers/raw-http';
import { describeAdminSecurity } from '../helpers/security';

/** What listing and revoking Mira keys refuse, and that a refusal changes nothing. */
const sql = testSql();
afterAll(() => sql.end());

const NO_ORG = '00000000-0000-4000-8000-000000000000';
const keysOf = (orgId: string) => http('GET', `/admin/mira/organizations/${orgId}/keys`, { headers: adminHeaders() });
const revoke = (orgId: string, keyId: string) =>
  http('POST', `/admin/mira/organizations/${orgId}/keys/${keyId}/revoke`, { headers: adminHeaders() });
const revokedCount = async (orgId: string) =>
  (
    await sql`select count(*)::int as n from mira_api_keys where organization_id = ${orgId} and revoked_at is not null`
  )[0]!.n as number;

describeAdminSecurity('GET', `/admin/mira/organizations/${NO_ORG}/keys`);
describeAdminSecurity('POST', `/admin/mira/organizations/${NO_ORG}/keys/${NO_ORG}/revoke`);

describe('Mira keys: errors', () => {
  it('404 for an organisation that does not exist, or is not a Mira one', async () => {
    for (const id of [NO_ORG, 'not-a-uuid']) {
      const res = await keysOf(id);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
  });

  it("404 for an unknown key, or another organisation's key, and that key keeps working", async () => {
    const org = await createMiraOrg();
    const elsewhere = await createMiraOrg();
    const theirs = (await keysOf(elsewhere.id)).body.keys[0].id as string;
    for (const keyId of [NO_ORG, theirs, 'mira_live_x']) {
      const res = await revoke(org.id, keyId);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect((await revoke(NO_ORG, theirs)).status).toBe(404);
    expect(await revokedCount(elsewhere.id)).toBe(0);
    expect((await mira('GET', '/users', elsewhere.key)).status).toBe(200);
  });

  it('odd bytes in either id (NUL, ../, emoji, RLO, an over-long id) give a 4xx and revoke nothing', async () => {
    const org = await createMiraOrg();
    await createMiraKey(org.id, true);
    const keyId = (await keysOf(org.id)).body.keys[0].id as string;
    const odd = ['%00', `${keyId}%00`, '..%2F..%2Fadmin', '%F0%9F%94%91', '%E2%80%AE', 'a'.repeat(65), `${keyId}%20`];
    for (const bad of odd) {
      for (const target of [
        `/admin/mira/organizations/${bad}/keys`,
        `/admin/mira/organizations/${org.id}/keys/${bad}/revoke`,
        `/admin/mira/organizations/${bad}/keys/${keyId}/revoke`,
      ]) {
        const method = target.endsWith('/revoke') ? 'POST' : 'GET';
        const res = await rawRequest(method, target, adminHeaders());
        expect({ target, status: res.status >= 400 && res.status < 500 }).toEqual({ target, status: true });
        expect(typeof res.body === 'object' && res.body.error?.code).toEqual(expect.any(String));
      }
    }
    // A path that climbs out (../) is not normalised into another route either.
    const climbed = await rawRequest(
      'POST',
      `/admin/mira/organizations/${org.id}/keys/../keys/${keyId}/revoke`,
      adminHeaders(),
    );
    expect(climbed.status).toBeGreaterThanOrEqual(400);
    expect(await revokedCount(org.id)).toBe(0);
    expect((await mira('GET', '/users', org.key)).status).toBe(200);
  });
});
