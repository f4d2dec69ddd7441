import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import { testSql } from '../helpers/db';
import { type HttpResult, adminHeaders, http } from '../helpers/http';
import { createMiraOrg, expectMiraError, mira } from '../helpers/mira';
import { eventually } from '../helpers/temporal';

jest.setTimeout(180_000);

/**
 * A Mira key's own rate limit (issue 35 point 5). Counts live in Postgres, so the shared stack and
 * this file's second API process count one key together. The second process keeps verified keys,
 * and so their limits, for a full minute: a new limit seen there within seconds proves the change's
 * NOTIFY (migration 0037's trigger) reached it, not that an entry expired.
 */
const DEFAULT = 1200; // the shared stack's MIRA_KEY_RATE_LIMIT_PER_MINUTE
const sql = testSql();
let other: ApiProcess;

beforeAll(async () => {
  other = await startApiProcess({ MIR_AUTH_CACHE_TTL_MS: '60000' });
});

afterAll(async () => {
  await sql.end();
  if (other) expect(await other.stop()).toBe(0);
});

const admin = (method: string, path: string, body?: unknown, baseUrl?: string) =>
  http(method, `/admin/mira/organizations${path}`, { headers: adminHeaders(), body, baseUrl });
const newKey = async (orgId: string, rateLimitPerMinute?: number | null) => {
  const res = await admin('POST', `/${orgId}/keys`, rateLimitPerMinute === undefined ? {} : { rateLimitPerMinute });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, key: res.body.apiKey as string };
};
const setLimit = (orgId: string, keyId: string, rateLimitPerMinute: unknown, baseUrl?: string) =>
  admin('PATCH', `/${orgId}/keys/${keyId}`, { rateLimitPerMinute }, baseUrl);
const listed = async (orgId: string, keyId: string) =>
  (await admin('GET', `/${orgId}/keys`)).body.keys.find((k: any) => k.id === keyId);
const users = (key: string, baseUrl?: string) => mira('GET', '/users', key, undefined, baseUrl);
const limitOf = (res: HttpResult) => [
  res.status,
  res.headers.get('ratelimit-limit'),
  res.headers.get('ratelimit-policy'),
];

/** Windows are wall-clock minutes: start a burst with at least 15 s of its window left (see mira-rate-limit.test.ts). */
async function freshWindow(probeKey: string): Promise<void> {
  await eventually(
    async () => (Number((await users(probeKey)).headers.get('ratelimit-reset')) >= 15 ? true : undefined),
    30_000,
  );
}

/** The next request on `baseUrl` is counted against `limit`: at once here, within seconds on the other process. */
const limitedAt = (key: string, limit: number, baseUrl?: string) =>
  eventually(async () => {
    const res = await users(key, baseUrl);
    return res.headers.get('ratelimit-limit') === String(limit) ? res : undefined;
  }, 5_000);

describe('Mira keys: a rate limit of their own', () => {
  it('a key limited to 3 gets 429 on its 4th request; a key of the same org with the default goes on', async () => {
    const org = await createMiraOrg();
    const limited = await newKey(org.id, 3);
    await freshWindow(org.key);
    const answers = [await users(limited.key), await users(limited.key, other.url), await users(limited.key)];
    expect(answers.map(limitOf)).toEqual(Array(3).fill([200, '3', '3;w=60']));
    expect(answers.map((r) => r.headers.get('ratelimit-remaining'))).toEqual(['2', '1', '0']);
    const refused = await users(limited.key, other.url);
    expectMiraError(refused, 429, 'rate_limited', /Rate limit of 3 requests per minute/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const free = await users(org.key);
    expect(limitOf(free)).toEqual([200, String(DEFAULT), `${DEFAULT};w=60`]);
    expect(await listed(org.id, limited.id)).toMatchObject({ rateLimitPerMinute: 3, effectiveRateLimitPerMinute: 3 });
    expect((await admin('GET', `/${org.id}/keys`)).body.keys[0]).toMatchObject({
      rateLimitPerMinute: null,
      effectiveRateLimitPerMinute: DEFAULT,
    });
  });

  it('raising the limit applies from the next request on both processes; null restores the default', async () => {
    const org = await createMiraOrg();
    const key = await newKey(org.id, 2);
    await freshWindow(org.key);
    // Both processes verify, and so cache, the key with its limit of 2; the third request is over it.
    expect((await users(key.key)).status).toBe(200);
    expect((await users(key.key, other.url)).status).toBe(200);
    expectMiraError(await users(key.key, other.url), 429, 'rate_limited');
    const raised = await setLimit(org.id, key.id, 10);
    expect(raised.status).toBe(200);
    expect(raised.body).toMatchObject({ id: key.id, rateLimitPerMinute: 10, effectiveRateLimitPerMinute: 10 });
    expect(raised.text).not.toContain(key.key);
    // Refused requests were not counted: two so far, so the next is the third of ten.
    const here = await users(key.key);
    expect([...limitOf(here), here.headers.get('ratelimit-remaining')]).toEqual([200, '10', '10;w=60', '7']);
    expect((await limitedAt(key.key, 10, other.url)).status).toBe(200);
    const again = await setLimit(org.id, key.id, 10, other.url);
    expect([again.status, again.body.rateLimitPerMinute]).toEqual([200, 10]);
    const cleared = await setLimit(org.id, key.id, null, other.url);
    expect(cleared.body).toMatchObject({ rateLimitPerMinute: null, effectiveRateLimitPerMinute: DEFAULT });
    expect(limitOf(await users(key.key, other.url))).toEqual([200, String(DEFAULT), `${DEFAULT};w=60`]);
    expect((await limitedAt(key.key, DEFAULT)).status).toBe(200);
    expect(await listed(org.id, key.id)).toMatchObject({ rateLimitPerMinute: null });
  });

  it('two concurrent changes end in one of them, the same in the list, the row and every process', async () => {
    const org = await createMiraOrg();
    const key = await newKey(org.id);
    expect((await users(key.key)).status).toBe(200);
    expect((await users(key.key, other.url)).status).toBe(200);
    const [a, b] = await Promise.all([setLimit(org.id, key.id, 70), setLimit(org.id, key.id, 90, other.url)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const final = (await listed(org.id, key.id)).rateLimitPerMinute;
    expect([70, 90]).toContain(final);
    const [row] = await sql`select rate_limit_per_minute from mira_api_keys where id = ${key.id}`;
    expect(row!.rate_limit_per_minute).toBe(final);
    expect((await limitedAt(key.key, final)).status).toBe(200);
    expect((await limitedAt(key.key, final, other.url)).status).toBe(200);
  });
});
