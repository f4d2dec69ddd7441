import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import { lockWaitersOn, testSql } from '../helpers/db';
import { testEnv } from '../helpers/env';
import { keyHeaders, uniqueUserId } from '../helpers/events';
import { type HttpResult, adminHeaders, createOrg, http } from '../helpers/http';

const sql = testSql();
let api: ApiProcess;
let hurried: ApiProcess;

/**
 * Two processes with one bulk write at a time and 600 events allowed to wait: `api` with the
 * default response bound, `hurried` answering within 3 s (the response bound) whatever happens.
 */
beforeAll(async () => {
  const gate = { MIR_BULK_WRITE_SLOTS: '1', MIR_BULK_QUEUE_EVENTS: '600' };
  [api, hurried] = await Promise.all([
    startApiProcess(gate),
    startApiProcess({ ...gate, MIR_RESPONSE_TIMEOUT_MS: '3000' }),
  ]);
}, 240_000);
afterAll(async () => {
  await Promise.all([api?.stop(), hurried?.stop()]);
  await sql.end();
});

const bulk = (key: string, userIds: string[], baseUrl = api.url) =>
  http('POST', '/v1/events/bulk', {
    baseUrl,
    headers: keyHeaders(key),
    body: { events: userIds.map((userId) => ({ type: 'review.posted', userId })) },
  });

const users = (n: number, tag: string) => Array.from({ length: n }, () => uniqueUserId(tag));

/** The gate's gauges as /metrics shows them: proof a request waits its turn, not a guess. */
async function waitForGate(want: { running: number; waiting: number }, on = api) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { text } = await http('GET', '/metrics', { baseUrl: on.url, headers: adminHeaders() });
    const read = (state: string) => Number(new RegExp(`mir_bulk_writes\\{state="${state}"\\} (\\d+)`).exec(text)?.[1]);
    if (read('running') === want.running && read('waiting') === want.waiting) return;
    if (Date.now() > deadline) throw new Error(`gate never reached ${JSON.stringify(want)}: ${text.slice(0, 200)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Holds one user's row so the running bulk write blocks on it inside Postgres. */
async function holdUser(orgId: string, userId: string) {
  const reserved = await sql.reserve();
  await reserved`begin`;
  const [me] = await reserved<{ pid: number }[]>`select pg_backend_pid() as pid`;
  await reserved`select 1 from partner_users where organization_id = ${orgId} and external_id = ${userId} for update`;
  return {
    blocked: () => lockWaitersOn(sql, me!.pid),
    release: async () => {
      await reserved`rollback`;
      reserved.release();
    },
  };
}

const stored = async (orgId: string, userIds: string[]) =>
  (await sql<{ n: number }[]>`select count(*)::int as n from events e join partner_users u on u.id = e.partner_user_id
    where e.organization_id = ${orgId} and u.external_id = any(${userIds}::text[])`)[0]!.n;

function expectOverloaded(res: HttpResult, bound: string) {
  expect(res.status).toBe(503);
  expect(res.body.error).toMatchObject({ code: 'overloaded', details: { bound } });
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
}

describe('POST /events/bulk waits its turn in the process (MIR_BULK_WRITE_SLOTS, MIR_BULK_QUEUE_EVENTS)', () => {
  it('queues behind a running write, refuses past the bound with 503 bulk_queue, and stores exactly what it accepted', async () => {
    const org = await createOrg();
    const [held] = users(1, 'held');
    expect((await bulk(org.apiKey, [held!])).status).toBe(200);
    const lock = await holdUser(org.id, held!);
    const a = [held!, ...users(99, 'a')];
    const b = users(500, 'b');
    const c = users(101, 'c');
    let first: Promise<HttpResult> | undefined;
    let second: Promise<HttpResult> | undefined;
    try {
      first = bulk(org.apiKey, a);
      await lock.blocked();
      second = bulk(org.apiKey, b);
      await waitForGate({ running: 1, waiting: 1 });
      // 500 wait; 101 more would pass 600: refused at once, while the other two still wait.
      expectOverloaded(await bulk(org.apiKey, c), 'bulk_queue');
      // Unexpected bytes are refused before they could queue.
      const junk = await http('POST', '/v1/events/bulk', {
        baseUrl: api.url,
        headers: { ...keyHeaders(org.apiKey), 'content-type': 'application/json' },
        rawBody: Buffer.from([0x7b, 0x22, 0x65, 0xff, 0xfe, 0x00]),
      });
      expect(junk.status).toBe(400);
    } finally {
      await lock.release();
    }
    expect((await first!).status).toBe(200);
    expect((await second!).status).toBe(200);
    expect(await stored(org.id, a)).toBe(101);
    expect(await stored(org.id, b)).toBe(500);
    expect(await stored(org.id, c)).toBe(0);
  });

  it('a request answered by the response bound while it waited writes nothing when its turn comes', async () => {
    const org = await createOrg();
    const [held] = users(1, 'held');
    expect((await bulk(org.apiKey, [held!])).status).toBe(200);
    const lock = await holdUser(org.id, held!);
    const late = users(50, 'late');
    let first: Promise<HttpResult> | undefined;
    try {
      first = bulk(org.apiKey, [held!, ...users(9, 'first')], hurried.url);
      await lock.blocked();
      const answer = await bulk(org.apiKey, late, hurried.url);
      // Answered 503 (bound response) after 3 s while it was still waiting for the slot.
      expect(answer.status).toBe(503);
      expect(answer.body.error.details).toMatchObject({ bound: 'response' });
    } finally {
      await lock.release();
    }
    await first;
    await waitForGate({ running: 0, waiting: 0 }, hurried);
    expect(await stored(org.id, [held!])).toBe(2);
    expect(await stored(org.id, late)).toBe(0);
  });
});

describe('eight bulk senders at once over many distinct users (the stack, default gate)', () => {
  it('every request is answered 200 and every user holds exactly its events', async () => {
    const org = await createOrg();
    const pool = users(3000, 'many');
    const sent = new Map<string, number>();
    const batches = Array.from({ length: 16 }, () =>
      Array.from({ length: 500 }, () => pool[Math.floor(Math.random() * pool.length)]!),
    );
    for (const ids of batches) for (const id of ids) sent.set(id, (sent.get(id) ?? 0) + 1);
    const answers: HttpResult[] = [];
    const queue = [...batches];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let ids = queue.shift(); ids; ids = queue.shift()) answers.push(await bulk(org.apiKey, ids, testEnv().apiUrl));
      }),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    const rows = await sql<{ external_id: string; event_count: number; n: number }[]>`
      select u.external_id, u.event_count::int, (select count(*)::int from events e where e.partner_user_id = u.id) as n
      from partner_users u where u.organization_id = ${org.id}`;
    expect(rows).toHaveLength(sent.size);
    for (const r of rows) {
      expect(r.n).toBe(sent.get(r.external_id));
      expect(r.event_count).toBe(r.n);
    }
  });
});
