import { createAgent } from '../helpers/agents';
import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import { testSql } from '../helpers/db';
import { testEnv } from '../helpers/env';
import { keyHeaders } from '../helpers/events';
import { createOrg, http, type HttpResult } from '../helpers/http';
import { eventually } from '../helpers/temporal';

jest.setTimeout(180_000);

const sql = testSql();
let second: ApiProcess;
/** The stack's own API and one more process on the same Postgres. */
let apis: [string, string];

beforeAll(async () => {
  second = await startApiProcess();
  apis = [testEnv().apiUrl, second.url];
});

afterAll(async () => {
  await sql.end();
  if (second) expect(await second.stop()).toBe(0);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The window is date_trunc('minute', now()) in Postgres, which runs on this machine's clock. A burst
 * that might straddle a minute boundary would see two windows, so late in a minute wait for the next.
 */
async function freshWindow(neededMs = 10_000) {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute >= 60_000 - neededMs) await sleep(60_000 - intoMinute + 250);
}

const me = (apiKey: string, baseUrl: string) => http('GET', '/v1/agents/me', { baseUrl, headers: keyHeaders(apiKey) });

async function expectLoggedBySecond(answers: HttpResult[]) {
  const ids = answers.map((r) => r.headers.get('x-request-id')!);
  const missing = () => ids.filter((id) => !second.proc.output().includes(id));
  for (const deadline = Date.now() + 3_000; missing().length > 0 && Date.now() < deadline;) await sleep(100);
  expect(missing()).toEqual([]);
}

const SERVICE_BOT = { name: 'Bot', type: 'SERVICE_ACCOUNT', preset: 'reconciler' };

function expectRateLimited(res: HttpResult, limit: number) {
  expect(res.status).toBe(429);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  expect(res.body).toEqual({
    error: {
      code: 'rate_limited',
      message: expect.any(String),
      details: expect.anything(),
      requestId: expect.any(String),
    },
  });
  expect(res.body.error.requestId).toBe(res.headers.get('x-request-id'));
  const retryAfter = res.headers.get('retry-after');
  expect(retryAfter).toMatch(/^\d+$/);
  expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(retryAfter)).toBeLessThanOrEqual(60);
  // Retry-After points at the start of the next window, give or take a second of request time.
  const untilNextMinute = Math.ceil((60_000 - (Date.now() % 60_000)) / 1000);
  expect(Math.abs(Number(retryAfter) - untilNextMinute)).toBeLessThanOrEqual(2);
  expect(res.headers.get('ratelimit-limit')).toBe(String(limit));
  expect(res.headers.get('ratelimit-remaining')).toBe('0');
  expect(res.headers.get('ratelimit-reset')).toBe(retryAfter);
}

describe('per-agent rate limits across two API processes', () => {
  it('lets exactly rateLimitPerMinute requests through per window, whichever process answers', async () => {
    const org = await createOrg();
    const agent = await createAgent(org.apiKey, { ...SERVICE_BOT, rateLimitPerMinute: 10 });
    await freshWindow();

    const answers: HttpResult[] = [];
    for (let i = 0; i < 14; i += 1) answers.push(await me(agent.apiKey, apis[i % 2]!));

    expect(answers.map((r) => r.status)).toEqual([...Array<number>(10).fill(200), ...Array<number>(4).fill(429)]);
    answers.slice(0, 10).forEach((res, i) => {
      expect(res.body.id).toBe(agent.id);
      expect(res.headers.get('ratelimit-limit')).toBe('10');
      expect(res.headers.get('ratelimit-remaining')).toBe(String(9 - i));
      expect(res.headers.get('ratelimit-policy')).toBe('10;w=60');
      expect(Number(res.headers.get('ratelimit-reset'))).toBeGreaterThanOrEqual(1);
      expect(Number(res.headers.get('ratelimit-reset'))).toBeLessThanOrEqual(60);
      expect(res.headers.get('retry-after')).toBeNull();
    });
    for (const res of answers.slice(10)) expectRateLimited(res, 10);
    expect(answers[10]!.body.error.details).toMatchObject({ limit: 10 });
    // The odd requests really were answered by the second process: its log has their request ids.
    await expectLoggedBySecond(answers.filter((_, i) => i % 2 === 1));
  });

  it('holds under a concurrent burst split over both processes', async () => {
    const org = await createOrg();
    const agent = await createAgent(org.apiKey, { ...SERVICE_BOT, rateLimitPerMinute: 10 });
    await freshWindow();

    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => me(agent.apiKey, apis[i % 2]!)));

    const ok = answers.filter((r) => r.status === 200);
    const refused = answers.filter((r) => r.status !== 200);
    expect(ok).toHaveLength(10);
    expect(refused).toHaveLength(20);
    for (const res of refused) expectRateLimited(res, 10);
    expect(ok.map((r) => Number(r.headers.get('ratelimit-remaining'))).sort((a, b) => a - b)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
  });

  it("inherits the organization's agentRateLimitPerMinute, one bucket per agent", async () => {
    const org = await createOrg();
    const settings = await http('PATCH', '/portal/api/settings', {
      headers: keyHeaders(org.apiKey),
      body: { agentRateLimitPerMinute: 3 },
    });
    expect(settings.status).toBe(200);
    expect(settings.body.settings.agentRateLimitPerMinute).toBe(3);
    const first = await createAgent(org.apiKey, SERVICE_BOT);
    const other = await createAgent(org.apiKey, { ...SERVICE_BOT, name: 'Other bot' });
    const ownLimit = await createAgent(org.apiKey, { ...SERVICE_BOT, name: 'Own limit', rateLimitPerMinute: 5 });
    expect(first.rateLimitPerMinute).toBeNull();
    await freshWindow();

    const answers: HttpResult[] = [];
    for (let i = 0; i < 4; i += 1) answers.push(await me(first.apiKey, apis[i % 2]!));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(answers.map((r) => r.headers.get('ratelimit-limit'))).toEqual(['3', '3', '3', '3']);
    expect(answers.map((r) => r.headers.get('ratelimit-remaining'))).toEqual(['2', '1', '0', '0']);
    expectRateLimited(answers[3]!, 3);

    // Another agent of the same organization starts from a full bucket of its own.
    const otherFirst = await me(other.apiKey, apis[1]);
    expect(otherFirst.status).toBe(200);
    expect(otherFirst.headers.get('ratelimit-limit')).toBe('3');
    expect(otherFirst.headers.get('ratelimit-remaining')).toBe('2');
    // An agent's own rateLimitPerMinute wins over the organization's default.
    const own = await me(ownLimit.apiKey, apis[0]);
    expect(own.status).toBe(200);
    expect(own.headers.get('ratelimit-limit')).toBe('5');
    expect(own.headers.get('ratelimit-remaining')).toBe('4');
    // The first agent is still refused on either process.
    for (const baseUrl of apis) expect((await me(first.apiKey, baseUrl)).status).toBe(429);
  });

  it('does not agent-rate-limit a partner key without agent context: the organisation limit applies', async () => {
    const org = await createOrg();
    await http('PATCH', '/portal/api/settings', {
      headers: keyHeaders(org.apiKey),
      body: { agentRateLimitPerMinute: 1 },
    });
    await freshWindow();
    for (let i = 0; i < 6; i += 1) {
      const res = await http('GET', '/v1/agents', { baseUrl: apis[i % 2], headers: keyHeaders(org.apiKey) });
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-limit')).toBe('600000');
      expect(res.headers.get('retry-after')).toBeNull();
    }
  });
});

describe('lastUsedAt', () => {
  const lastUsed = async (id: string) => {
    const [row] = await sql<{ at: string | null; xmin: string }[]>`
      select last_used_at::text as at, xmin::text as xmin from agents where id = ${id}`;
    return row!;
  };

  it('is set by the first request and not rewritten by every later one', async () => {
    const org = await createOrg();
    const agent = await createAgent(org.apiKey, { ...SERVICE_BOT, rateLimitPerMinute: 100 });
    const details = () => http('GET', `/v1/agents/${agent.id}`, { headers: keyHeaders(org.apiKey) });
    expect((await details()).body.lastUsedAt).toBeNull();
    expect((await lastUsed(agent.id)).at).toBeNull();

    expect((await me(agent.apiKey, apis[0])).status).toBe(200);
    // The write is fire-and-forget, off the request's path: give it a moment to land.
    let seen: string | null = null;
    for (const deadline = Date.now() + 3_000; !seen && Date.now() < deadline; await sleep(100)) {
      seen = (await details()).body.lastUsedAt as string | null;
    }
    expect(seen).not.toBeNull();
    expect(Math.abs(Date.parse(seen!) - Date.now())).toBeLessThan(10_000);
    const before = await lastUsed(agent.id);
    expect(before.at).not.toBeNull();

    const sentinels = await Promise.all(apis.map(() => createAgent(org.apiKey, { ...SERVICE_BOT, name: 'Sentinel' })));
    for (let i = 0; i < 20; i += 1) expect((await me(agent.apiKey, apis[i % 2]!)).status).toBe(200);
    // Each API then serves a first request of an agent never used before: once that agent's write
    // has landed, the write (if any) each API issued earlier for the twenty above has too.
    for (const [i, sentinel] of sentinels.entries()) expect((await me(sentinel.apiKey, apis[i]!)).status).toBe(200);
    for (const sentinel of sentinels)
      await eventually(async () => ((await lastUsed(sentinel.id)).at ? true : undefined));

    const after = await lastUsed(agent.id);
    expect(after.at).toBe(before.at);
    // Not even a same-value update: the row version is untouched.
    expect(after.xmin).toBe(before.xmin);
    expect((await details()).body.lastUsedAt).toBe(seen);
  });
});
