import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import { lockWaitersOn, testSql } from '../helpers/db';
import { keyHeaders, uniqueUserId } from '../helpers/events';
import { type HttpResult, createOrg, http } from '../helpers/http';
import { waitForOutput } from '../helpers/npm-process';

const sql = testSql();
let api: ApiProcess;

/**
 * A process with tight bounds: one transaction at a time, 300 ms to get it, 4 s per statement (the
 * margin the tests below have to see a statement blocked before it is cancelled).
 */
beforeAll(async () => {
  api = await startApiProcess({
    MIR_PG_POOL_MAX: '3',
    MIR_PG_ACQUIRE_TIMEOUT_MS: '300',
    MIR_PG_STATEMENT_TIMEOUT_MS: '4000',
    MIR_EVENT_QUEUE_MAX: '2',
    MIR_DECISION_BUFFER_MAX: '100',
  });
}, 180_000);
afterAll(async () => {
  await api?.stop();
  await sql.end();
});

const on = (method: string, path: string, key: string, body?: unknown) =>
  http(method, path, { baseUrl: api.url, headers: keyHeaders(key), body });

/**
 * Holds `lock` (SQL run in a transaction of the test's own) until `release` is called;
 * `waitedOn` resolves once a statement of another session is blocked on it.
 */
async function holding(lock: (tx: typeof sql) => Promise<unknown>) {
  const reserved = await sql.reserve();
  await reserved`begin`;
  const [row] = await reserved<{ pid: number }[]>`select pg_backend_pid() as pid`;
  await lock(reserved as unknown as typeof sql);
  return {
    waitedOn: () => lockWaitersOn(sql, row!.pid),
    release: async () => {
      await reserved`rollback`;
      reserved.release();
    },
  };
}

function expectBound(res: HttpResult, code: string, bound: string) {
  expect(res.status).toBe(503);
  expect(res.body.error).toMatchObject({ code, details: { bound } });
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
}

const lockOrg = (orgId: string) => holding((tx) => tx`select 1 from organizations where id = ${orgId} for update`);
const patchSettings = (key: string) => on('PATCH', '/portal/api/settings', key, { linkInviteTtlSeconds: 600 });

describe('bounded waits answer 503 with Retry-After, and the process keeps serving', () => {
  it('a statement waiting past MIR_PG_STATEMENT_TIMEOUT_MS is cancelled (pg_statement), logged by name', async () => {
    const org = await createOrg();
    const { release } = await lockOrg(org.id);
    try {
      expectBound(await patchSettings(org.apiKey), 'timeout', 'pg_statement');
    } finally {
      await release();
    }
    await waitForOutput(api.proc, /bound fired: pg_statement/, 5_000);
    expect((await http('GET', '/ready', { baseUrl: api.url })).status).toBe(200);
    expect((await patchSettings(org.apiKey)).status).toBe(200);
  });

  it('a transaction that cannot get a connection within MIR_PG_ACQUIRE_TIMEOUT_MS is refused (pg_acquire)', async () => {
    const org = await createOrg();
    const { release, waitedOn } = await lockOrg(org.id);
    try {
      const first = patchSettings(org.apiKey);
      await waitedOn();
      // The first holds the only transaction slot, waiting on the lock; single statements still run.
      expectBound(await patchSettings(org.apiKey), 'overloaded', 'pg_acquire');
      expect((await http('GET', '/ready', { baseUrl: api.url })).status).toBe(200);
      expect((await on('GET', '/v1/audit', org.apiKey)).status).toBe(200);
      await release();
      expect((await first).status).toBe(200);
    } finally {
      await release().catch(() => undefined);
    }
  });

  it('the event queue is capped (MIR_EVENT_QUEUE_MAX): past it 503 overloaded, and every 201 is stored', async () => {
    const org = await createOrg();
    const userId = uniqueUserId('queue');
    expect((await on('POST', '/events', org.apiKey, { type: 'review.posted', userId })).status).toBe(201);
    const { release, waitedOn } = await holding(
      (tx) => tx`select 1 from partner_users where organization_id = ${org.id} and external_id = ${userId} for update`,
    );
    let answered = 0;
    const sent = Array.from({ length: 8 }, () =>
      on('POST', '/events', org.apiKey, { type: 'review.posted', userId }).finally(() => (answered += 1)),
    );
    // One write waits on the held row and two events queue behind it: the other five are answered
    // at once. Wait for exactly that before letting the write through.
    try {
      await waitedOn();
      const deadline = Date.now() + 30_000;
      while (answered < 5) {
        if (Date.now() > deadline) throw new Error(`${answered} answers while the write waits; expected 5`);
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      await release();
    }
    const answers = await Promise.all(sent);
    const refused = answers.filter((a) => a.status === 503);
    expect(refused).toHaveLength(5);
    for (const r of refused) expectBound(r, 'overloaded', 'event_queue');
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
    const [row] = await sql`select count(*)::int as n from events where organization_id = ${org.id}`;
    expect(row!.n).toBe(1 + 3);
  });

  it('the decision log buffer is capped (MIR_DECISION_BUFFER_MAX): past it 503 overloaded', async () => {
    const org = await createOrg();
    const evaluations = Array.from({ length: 40 }, () => ({ action: 'checkout.complete', actor_id: uniqueUserId() }));
    const { release } = await holding((tx) => tx`lock table policy_decisions in exclusive mode`);
    try {
      const answers: HttpResult[] = [];
      for (let i = 0; i < 4; i += 1)
        answers.push(await on('POST', '/policy/evaluate/bulk', org.apiKey, { evaluations }));
      expect(answers.slice(0, 2).map((a) => a.status)).toEqual([200, 200]);
      expectBound(answers[2]!, 'overloaded', 'decision_buffer');
    } finally {
      await release();
    }
    // Once the log catches up, evaluations are answered again and the held decisions were written.
    for (let i = 0; ; i += 1) {
      const res = await on('POST', '/policy/evaluate/bulk', org.apiKey, { evaluations: evaluations.slice(0, 1) });
      if (res.status === 200) break;
      if (i > 40) throw new Error(`evaluations still refused: ${res.text}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  });
});
