import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import { testSql } from '../helpers/db';
import { adminHeaders, http } from '../helpers/http';
import { createMiraKey, createMiraOrg, expectMiraError, mira } from '../helpers/mira';
import { eventually } from '../helpers/temporal';

jest.setTimeout(180_000);

/**
 * Operators list and revoke Mira keys (issue 35 point 5). The second API process keeps verified
 * keys for a full minute, so a refusal there within seconds proves the revocation's NOTIFY reached
 * it, not that an entry expired.
 */
const sql = testSql();
let other: ApiProcess;

beforeAll(async () => {
  other = await startApiProcess({ MIR_AUTH_CACHE_TTL_MS: '60000' });
});

afterAll(async () => {
  await sql.end();
  if (other) expect(await other.stop()).toBe(0);
});

const keysOf = (orgId: string) => http('GET', `/admin/mira/organizations/${orgId}/keys`, { headers: adminHeaders() });
const revoke = (orgId: string, keyId: string, baseUrl?: string) =>
  http('POST', `/admin/mira/organizations/${orgId}/keys/${keyId}/revoke`, { headers: adminHeaders(), baseUrl });

/** The listed id of a key, found by its display prefix (the list never carries the key). */
async function idOf(orgId: string, key: string): Promise<string> {
  const listed = (await keysOf(orgId)).body.keys.find((k: any) => key.startsWith(k.prefix));
  return listed.id;
}

describe('Mira keys: list and revoke', () => {
  it('lists every key with id, prefix, permissions and dates, and never a key or its hash', async () => {
    const org = await createMiraOrg();
    const readOnly = await createMiraKey(org.id, true);
    const res = await keysOf(org.id);
    expect(res.status).toBe(200);
    expect(res.body.keys).toEqual([
      {
        id: expect.any(String),
        name: null,
        prefix: org.key.slice(0, 'mira_live_'.length + 6),
        permissions: ['read', 'write'],
        createdAt: expect.any(String),
        lastUsedAt: null,
        revokedAt: null,
        rateLimitPerMinute: null,
        effectiveRateLimitPerMinute: 1200,
      },
      expect.objectContaining({ prefix: readOnly.slice(0, 16), permissions: ['read'], lastUsedAt: null }),
    ]);
    const hashes = await sql`select key_hash from mira_api_keys where organization_id = ${org.id}`;
    expect(hashes).toHaveLength(2);
    for (const secret of [org.key, readOnly, ...hashes.map((h) => h.key_hash as string)]) {
      expect(res.text).not.toContain(secret);
      expect(res.text).not.toContain(secret.slice(0, 24));
    }
  });

  it('shows the name a key was given (mira key create --name), printable text of at most 100 characters', async () => {
    const org = await createMiraOrg();
    const create = (body: unknown) =>
      http('POST', `/admin/mira/organizations/${org.id}/keys`, { headers: adminHeaders(), body });
    const named = await create({ name: '  crm-sync  ', readOnly: true });
    expect(named.status).toBe(201);
    for (const name of ['', ' ', 'a\u0000b', 'x'.repeat(101)]) expect((await create({ name })).status).toBe(400);
    const keys = (await keysOf(org.id)).body.keys;
    expect(keys.map((k: any) => [k.id, k.name, k.permissions])).toEqual([
      [expect.any(String), null, ['read', 'write']],
      [named.body.id, 'crm-sync', ['read']],
    ]);
  });

  it('records when a key was last used', async () => {
    const org = await createMiraOrg();
    const before = Date.now();
    expect((await mira('GET', '/users', org.key)).status).toBe(200);
    // Written off the request's path: wait for the row, not for a time.
    const used = await eventually(async () => (await keysOf(org.id)).body.keys[0].lastUsedAt ?? undefined);
    expect(Date.parse(used)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(used)).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('a revoked key is refused from the very next request, on this process and on another', async () => {
    const org = await createMiraOrg();
    const spare = await createMiraKey(org.id, false);
    // Both processes have verified, and so cached, the key.
    expect((await mira('GET', '/users', org.key)).status).toBe(200);
    expect((await mira('GET', '/users', org.key, undefined, other.url)).status).toBe(200);
    const keyId = await idOf(org.id, org.key);
    const revoked = await revoke(org.id, keyId);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: keyId, revokedAt: expect.any(String), permissions: ['read', 'write'] });
    expect(revoked.text).not.toContain(org.key);
    expectMiraError(await mira('GET', '/users', org.key), 401, 'unauthorized');
    const there = await eventually(async () => {
      const res = await mira('GET', '/users', org.key, undefined, other.url);
      return res.status === 401 ? res : undefined;
    }, 5_000);
    expectMiraError(there, 401, 'unauthorized');
    // The organisation's other key is untouched, on both processes.
    expect((await mira('GET', '/users', spare)).status).toBe(200);
    expect((await mira('GET', '/users', spare, undefined, other.url)).status).toBe(200);
    const listed = (await keysOf(org.id)).body.keys.find((k: any) => k.id === keyId);
    expect(listed.revokedAt).toBe(revoked.body.revokedAt);
  });

  it('a key revoked through the other process is refused here at once', async () => {
    const org = await createMiraOrg();
    expect((await mira('GET', '/users', org.key)).status).toBe(200);
    expect((await revoke(org.id, await idOf(org.id, org.key), other.url)).status).toBe(200);
    // Well inside the shared stack's cache lifetime (MIR_AUTH_CACHE_TTL_MS, 5 s): only the NOTIFY can do it.
    const here = await eventually(async () => {
      const res = await mira('GET', '/users', org.key);
      return res.status === 401 ? res : undefined;
    }, 2_000);
    expectMiraError(here, 401, 'unauthorized');
  });

  it('revoking again answers the first revocation; concurrent revokes agree on one time', async () => {
    const org = await createMiraOrg();
    const keyId = await idOf(org.id, org.key);
    const [a, b] = await Promise.all([revoke(org.id, keyId), revoke(org.id, keyId, other.url)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.revokedAt).toEqual(expect.any(String));
    expect(b.body.revokedAt).toBe(a.body.revokedAt);
    const again = await revoke(org.id, keyId);
    expect(again.status).toBe(200);
    expect(again.body.revokedAt).toBe(a.body.revokedAt);
    const rows = await sql`select revoked_at from mira_api_keys where id = ${keyId}`;
    expect(rows[0]!.revoked_at.toISOString()).toBe(a.body.revokedAt);
  });
});
