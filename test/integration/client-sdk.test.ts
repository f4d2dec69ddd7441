import { testSql } from '../helpers/db';
import { uniqueUserId } from '../helpers/events';
import { createOrg } from '../helpers/http';
import { createMiraOrg } from '../helpers/mira';
import { adminClient, miraClient, mirClient, stackFetch } from '../helpers/sdk';

/**
 * @mir/client against the real stack: typed calls, a rate limit it waits out with the same
 * Idempotency-Key, answers it must not retry, and ids nobody expected. (client-retry.test.ts pins
 * the same rules against a scripted server, where each answer is chosen.)
 */
const sql = testSql();
afterAll(() => sql.end());

const eventsOf = async (orgId: string) =>
  (await sql`select count(*)::int as n from events where organization_id = ${orgId}`)[0]!.n as number;

/** What each attempt carried and got: the SDK's retries are invisible in its answer. */
function recorder() {
  const attempts: { key: string | null; status: number; retryAfter: string | null; at: number }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const response = await stackFetch(request);
    const retryAfter = response?.headers.get('retry-after');
    attempts.push({ key: request.headers.get('idempotency-key'), status: response?.status, retryAfter, at: Date.now() });
    return response;
  };
  return { attempts, fetch };
}

/** Waits out the rest of the wall-clock minute if fewer than `needMs` remain (the rate windows are minutes). */
async function roomInWindow(needMs: number) {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < needMs) await new Promise((r) => setTimeout(r, left + 50));
}

describe('@mir/client against the real stack', () => {
  it('typed calls: an event, its user resolved, the events listed, an admin call', async () => {
    const org = await createOrg();
    const mir = mirClient(org.apiKey);
    const userId = uniqueUserId();
    const created = await mir.createEvent({ body: { type: 'review.posted', userId, data: { stars: 5 } } });
    expect(created.response?.status).toBe(201);
    expect(created.data).toMatchObject({ id: expect.stringMatching(/^evt_/), type: 'review.posted', userId });
    const resolved = await mir.resolveUser({ body: { userId } });
    expect(resolved.data).toMatchObject({ userId, eventCount: 1, tier: 0, linked: false });
    const listed = await mir.listEvents({ query: { userId } });
    expect(listed.data?.events.map((e) => e.id)).toEqual([created.data!.id]);
    const runtime = await adminClient().adminGetRuntime();
    expect(runtime.data?.temporal.namespace).toEqual(expect.any(String));
  });

  it('a 429 is waited out for its Retry-After and retried with the same Idempotency-Key: one event stored', async () => {
    const org = await createOrg();
    const admin = adminClient();
    const limits = await admin.adminUpdateOrganizationLimits({
      path: { id: org.id },
      body: { partnerRateLimitPerMinute: 1 },
    });
    expect(limits.response?.status).toBe(200);
    const { attempts, fetch } = recorder();
    const mir = mirClient(org.apiKey, { fetch, retries: { maxAttempts: 3, maxDelaySeconds: 90 } });
    await roomInWindow(15_000);
    expect((await mir.listEvents()).response?.status).toBe(200); // the minute's one request
    const userId = uniqueUserId();
    const created = await mir.createEvent({ body: { type: 'order.completed', userId } });

    expect(created.response?.status).toBe(201);
    expect(attempts.map((a) => a.status)).toEqual([200, 429, 201]);
    const [, refused, accepted] = attempts;
    expect(refused!.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(accepted!.key).toBe(refused!.key);
    expect(accepted!.at - refused!.at).toBeGreaterThanOrEqual(Number(refused!.retryAfter) * 1000 - 1000);
    expect(await eventsOf(org.id)).toBe(1);

    // The key did its work: sent again (the limit lifted), the first answer is replayed, nothing is stored twice.
    await admin.adminUpdateOrganizationLimits({ path: { id: org.id }, body: { partnerRateLimitPerMinute: null } });
    const again = await mir.createEvent({
      body: { type: 'order.completed', userId },
      headers: { 'Idempotency-Key': accepted!.key! },
    });
    expect([again.response?.headers.get('idempotent-replayed'), again.data?.id]).toEqual(['true', created.data!.id]);
    expect(await eventsOf(org.id)).toBe(1);
  }, 150_000);

  it('a 400 is answered at once, typed as the API error, and stores nothing', async () => {
    const org = await createOrg();
    const { attempts, fetch } = recorder();
    const mir = mirClient(org.apiKey, { fetch });
    const { data, error, response } = await mir.createEvent({ body: { type: 'NotAType', userId: uniqueUserId() } });
    expect([response?.status, data, attempts.length]).toEqual([400, undefined, 1]);
    expect(error?.error).toMatchObject({ code: 'validation_failed', requestId: expect.any(String) });
    if (error?.error.code === 'validation_failed') expect(error.error.details?.[0]?.path).toBe('type');
    expect(await eventsOf(org.id)).toBe(0);
  });

  it.each([
    ['a NUL byte', 'agt_\u0000x', 400, 'validation_failed'],
    ['an escape sequence', 'agt_\u001b[31m', 400, 'validation_failed'],
    ['a right-to-left override', 'agt_\u202eevil', 404, 'agent_not_found'],
    ['a path climbing up', '../../admin/runtime', 404, 'agent_not_found'],
    ['an emoji', 'agt_🦄', 404, 'agent_not_found'],
  ])('odd bytes in an id (%s) give the typed error, not a crash or another route', async (_label, id, status, code) => {
    const org = await createOrg();
    const { error, response } = await mirClient(org.apiKey).getAgent({ path: { id } });
    expect([response?.status, error?.error.code]).toEqual([status, code]);
    expect(error?.error.requestId).toEqual(expect.any(String));
  });

  it('Mira: createMiraClient authenticates with its bearer key and answers in its envelope', async () => {
    const org = await createMiraOrg();
    const mira = miraClient(org.key);
    const email = `jane.${uniqueUserId()}@example.com`.toLowerCase();
    const created = await mira.createUser({ body: { name: 'Jane Smith', email } });
    expect(created.response?.status).toBe(201);
    expect(created.data?.data).toMatchObject({ name: 'Jane Smith', email });
    const twice = await mira.createUser({ body: { name: 'Jane Smith', email } });
    expect([twice.response?.status, twice.error?.error.code]).toEqual([409, 'conflict']);
    const stranger = await miraClient('mira_live_not_a_key').listUsers();
    expect([stranger.response?.status, stranger.error?.error.code]).toEqual([401, 'unauthorized']);
  });
});
