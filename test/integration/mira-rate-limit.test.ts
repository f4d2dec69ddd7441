import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import type { HttpResult } from '../helpers/http';
import { createMiraKey, createMiraOrg, expectMiraError, mira } from '../helpers/mira';
import { eventually } from '../helpers/temporal';

jest.setTimeout(180_000);

/**
 * Each Mira key gets MIRA_KEY_RATE_LIMIT_PER_MINUTE requests per wall-clock minute, counted in
 * Postgres. This file's own API process allows 5, so a test reaches the limit in a handful of
 * requests; the shared stack keeps the default.
 */
const LIMIT = 5;
let api: ApiProcess;

beforeAll(async () => {
  api = await startApiProcess({ MIRA_KEY_RATE_LIMIT_PER_MINUTE: String(LIMIT) });
});

afterAll(async () => {
  if (api) expect(await api.stop()).toBe(0);
});

/** A cheap read on this file's API; `shared` sends it to the shared stack instead. */
const users = (key: string, shared = false) => mira('GET', '/users', key, undefined, shared ? undefined : api.url);
const header = (res: HttpResult, name: string) => res.headers.get(name);

/**
 * Windows are wall-clock minutes: a burst that straddles one would be counted in two. When the
 * window of a probe (another key's, so this key's count starts at zero) has under 10 s left, wait
 * until the server reports a new one.
 */
async function freshWindow(probeKey: string): Promise<void> {
  const reset = Number(header(await users(probeKey), 'ratelimit-reset'));
  if (reset >= 10) return;
  await eventually(
    async () => (Number(header(await users(probeKey), 'ratelimit-reset')) >= 10 ? true : undefined),
    20_000,
  );
}

describe('Mira per-key rate limit', () => {
  it('counts down RateLimit-Remaining, then answers 429 in the envelope with Retry-After; other keys go on', async () => {
    const org = await createMiraOrg('Rate limited', api.url);
    const probe = await createMiraKey(org.id, true);
    const other = await createMiraKey(org.id, true);
    await freshWindow(probe);
    const answers: HttpResult[] = [];
    for (let i = 0; i < LIMIT; i++) answers.push(await users(org.key));
    for (const [i, res] of answers.entries()) {
      expect(res.status).toBe(200);
      expect(header(res, 'ratelimit-limit')).toBe(String(LIMIT));
      expect(header(res, 'ratelimit-remaining')).toBe(String(LIMIT - 1 - i));
      expect(header(res, 'ratelimit-policy')).toBe(`${LIMIT};w=60`);
      expect(Number(header(res, 'ratelimit-reset'))).toBeGreaterThan(0);
      expect(Number(header(res, 'ratelimit-reset'))).toBeLessThanOrEqual(60);
    }
    const refused = await users(org.key);
    expectMiraError(refused, 429, 'rate_limited', /requests per minute/);
    expect(refused.body).toEqual({ data: null, error: expect.any(Object), meta: null });
    const retryAfter = Number(header(refused, 'retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(header(refused, 'ratelimit-remaining')).toBe('0');
    // A write is refused the same way, before it does anything.
    const write = await mira('POST', '/users', org.key, { name: 'Nobody', email: 'nobody@example.com' }, api.url);
    expectMiraError(write, 429, 'rate_limited');
    const listed = await users(other);
    expect(listed.status).toBe(200);
    expect(listed.body.meta.total).toBe(0);
    expect(header(listed, 'ratelimit-remaining')).toBe(String(LIMIT - 1));
  });

  it('a new minute gives the key its full allowance again', async () => {
    const org = await createMiraOrg('Rate limit resets', api.url);
    for (let i = 0; i < LIMIT; i++) await users(org.key);
    const refused = await users(org.key);
    // Unless the burst straddled a minute, the key is refused now; either way it gets through after the reset.
    const back = await eventually(async () => {
      const res = await users(org.key);
      return res.status === 200 ? res : undefined;
    }, 65_000);
    expect(back.status).toBe(200);
    if (refused.status === 429) expect(Number(header(back, 'ratelimit-remaining'))).toBe(LIMIT - 1);
  });

  it('the shared stack answers RateLimit headers with the default allowance, and 401s carry none', async () => {
    const org = await createMiraOrg();
    const res = await users(org.key, true);
    expect(res.status).toBe(200);
    expect(header(res, 'ratelimit-limit')).toBe('1200');
    const unknown = await users('mira_live_nosuchkey000000000000000000', true);
    expectMiraError(unknown, 401, 'unauthorized');
    expect(header(unknown, 'ratelimit-limit')).toBeNull();
  });
});
