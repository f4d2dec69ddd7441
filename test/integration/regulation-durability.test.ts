import { startApiProcess, type ApiProcess } from '../helpers/api-process';
import { testSql } from '../helpers/db';
import { keyHeaders, seedEvents, uniqueUserId } from '../helpers/events';
import { adminHeaders, createOrg, freshLoopback, http, postFrom } from '../helpers/http';
import { signupAndLogin } from '../helpers/linking';
import { bearer } from '../helpers/mira';
import { type NpmProcess, terminate } from '../helpers/npm-process';
import { eventually, useTemporalClient } from '../helpers/temporal';
import { startWorkerOn } from '../helpers/worker-process';

jest.setTimeout(300_000);

// Its own task queue, API and worker processes, so this test can kill the worker without
// touching the stack every other test uses.
const QUEUE = `mir-regulation-${process.pid}`;
const sql = testSql();
const temporal = useTemporalClient();
const workers: NpmProcess[] = [];
let api: ApiProcess | undefined;

async function startWorker() {
  const worker = await startWorkerOn(QUEUE);
  workers.push(worker);
  return worker;
}

beforeAll(async () => {
  api = await startApiProcess({ TEMPORAL_TASK_QUEUE: QUEUE });
});
afterAll(async () => {
  await Promise.all(workers.map((w) => terminate(w)));
  await api?.stop();
  await sql.end();
});

const USERS = 10;
const EVENTS_PER_USER = 1_000;

describe('a DELETE regulation whose worker is killed mid-deletion', () => {
  it('finishes on a new worker: every event, decision and link removed and counted exactly once, one mail', async () => {
    const org = await createOrg();
    const users = Array.from({ length: USERS }, () => uniqueUserId('durable'));
    await seedEvents(
      org.apiKey,
      users.flatMap((userId, u) =>
        Array.from({ length: EVENTS_PER_USER }, (_, i) => ({
          type: 'review.posted',
          userId,
          occurredAt: new Date(Date.UTC(2024, 0, 1) + (u * EVENTS_PER_USER + i) * 1000).toISOString(),
        })),
      ),
    );
    const person = await signupAndLogin();
    const code = await http('POST', '/partners/link/code', {
      headers: keyHeaders(org.apiKey),
      body: { userId: users[0] },
    });
    expect(
      (
        await postFrom(
          freshLoopback(),
          '/v1/me/links/code',
          { code: code.body.code },
          { headers: bearer(person.token) },
        )
      ).status,
    ).toBe(200);
    for (const userId of users.slice(0, 3)) {
      const res = await http('POST', '/policy/evaluate', {
        headers: keyHeaders(org.apiKey),
        body: { actor_id: userId, action: 'checkout.complete', context: {} },
      });
      expect(res.status).toBe(200);
    }
    await eventually(async () => {
      const [row] = await sql`select count(*)::int as n from policy_decisions where organization_id = ${org.id}`;
      return row!.n === 3 ? true : undefined;
    });
    const worker = await startWorker();

    // Steps delete in index order (user, then newest first): hold the last user's oldest event, so
    // the last chunk of events waits on it while the earlier ones have committed.
    const [last] = await sql`
      select e.id from events e join partner_users p on p.id = e.partner_user_id
      where p.organization_id = ${org.id} order by p.id desc, e.occurred_at asc, e.id asc limit 1`;
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holding = sql.begin(async (tx) => {
      await tx`select id from events where id = ${last!.id} for update`;
      locked();
      await new Promise<void>((r) => (release = r));
    });
    await isLocked;

    const res = await http('POST', '/v1/users/regulations', {
      baseUrl: api!.url,
      headers: keyHeaders(org.apiKey),
      body: { type: 'DELETE', userIds: users },
    });
    expect(res.status).toBe(202);
    const { regulationId } = res.body;

    const progress = await eventually(async () => {
      const [reg] = await sql`select events_deleted::int as n from user_regulations where id = ${regulationId}`;
      const waiting =
        await sql`select 1 from pg_stat_activity where wait_event_type = 'Lock' and query ilike '%delete from events%'`;
      return reg!.n > 0 && waiting.length > 0 ? reg!.n : undefined;
    }, 60_000);
    expect(progress).toBeLessThan(USERS * EVENTS_PER_USER);
    await terminate(worker, 'SIGKILL');
    release();
    await holding;

    await startWorker(); // a fresh worker on the same queue picks the batch up again
    const done = await eventually(async () => {
      const got = await http('GET', `/v1/users/regulations/${regulationId}`, { headers: keyHeaders(org.apiKey) });
      return got.body.status === 'COMPLETED' ? got.body : undefined;
    }, 120_000);
    expect(done.counts).toEqual({ users: USERS, events: USERS * EVENTS_PER_USER, decisions: 3, linksEnded: 1 });

    const [left] = await sql`select
      (select count(*)::int from events where organization_id = ${org.id}) as events,
      (select count(*)::int from policy_decisions where organization_id = ${org.id}) as decisions,
      (select count(*)::int from partner_users where organization_id = ${org.id}) as users,
      (select count(*)::int from audit_log where target_id = ${regulationId} and action = 'users.regulation_completed') as audits`;
    expect(left).toEqual({ events: 0, decisions: 0, users: 0, audits: 1 });
    const mails = await eventually(async () => {
      const outbox = await http('GET', `/admin/outbox?to=${encodeURIComponent(person.email)}`, {
        headers: adminHeaders(),
      });
      const removed = (outbox.body.messages as { subject: string }[]).filter((m) => /removed its link/.test(m.subject));
      return removed.length > 0 ? removed : undefined;
    });
    expect(mails).toHaveLength(1);

    // The batch the dead worker held was retried on the new one.
    const history = await temporal.client.workflow.getHandle(done.workflowId).fetchHistory();
    const attempts = (history.events ?? []).map((e) => e.activityTaskStartedEventAttributes?.attempt ?? 0);
    expect(Math.max(...attempts)).toBeGreaterThanOrEqual(2);
  });
});
