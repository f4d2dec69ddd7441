import { workflowIds } from '../../src/domain/workflow-ids';
import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import { testSql } from '../helpers/db';
import { bearer, linkedPerson, loginFrom, requestErasure } from '../helpers/erasure';
import { daysAgo, keyHeaders, seedEvents } from '../helpers/events';
import { http } from '../helpers/http';
import { type NpmProcess, terminate } from '../helpers/npm-process';
import { maybeRecordHistory } from '../helpers/spawn';
import { eventually, historyEvents, useTemporalClient } from '../helpers/temporal';
import { WebhookReceiver } from '../helpers/webhook-receiver';
import { startWorkerOn } from '../helpers/worker-process';

jest.setTimeout(300_000);

// Its own task queue, API and worker, so this test can kill the worker without touching the stack's.
const QUEUE = `mir-erasure-${process.pid}`;
const sql = testSql();
const temporal = useTemporalClient();
const receiver = new WebhookReceiver();
const workers: NpmProcess[] = [];
let api: ApiProcess | undefined;
let hooks: string;

async function startWorker() {
  const worker = await startWorkerOn(QUEUE);
  workers.push(worker);
  return worker;
}

beforeAll(async () => {
  hooks = await receiver.start();
  api = await startApiProcess({ TEMPORAL_TASK_QUEUE: QUEUE, MIR_ERASURE_GRACE_SECONDS: '1' });
});
afterAll(async () => {
  await Promise.all(workers.map((w) => terminate(w)));
  await api?.stop();
  await receiver.stop();
  await sql.end();
});

describe('an erasure whose worker is killed midway', () => {
  it('finishes after a new worker starts, every row erased and counted once, each partner told once', async () => {
    const worker = await startWorker();
    const person = await linkedPerson({ partners: 2, events: 10, webhookUrl: hooks, baseUrl: api!.url });
    const [a, b] = person.partners;
    const more = Array.from({ length: 2_490 }, (_, n) => ({
      type: 'review.posted',
      userId: a!.userId,
      occurredAt: daysAgo(1 + (n % 300)),
    }));
    await seedEvents(a!.apiKey, more);

    // Hold one event the second chunk of A's deletion needs (chunks of 1,000, newest first), so the
    // erasure stops there, deterministically, with one chunk committed.
    const [user] = await sql`select id from partner_users where organization_id = ${a!.id} and external_id = ${a!.userId}`;
    const ordered = await sql`select id from events where partner_user_id = ${user!.id} order by occurred_at desc, id desc`;
    expect(ordered).toHaveLength(2_500);
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holding = sql.begin(async (tx) => {
      await tx`select id from events where id = ${ordered[1_500]!.id} for update`;
      locked();
      await new Promise<void>((r) => (release = r));
    });
    await isLocked;

    const requested = await requestErasure(person.token, person.password, api!.url);
    expect(requested.status).toBe(202);
    const { erasureId } = requested.body;
    const progress = await eventually(async () => {
      const [row] = await sql`select counts from account_erasures where id = ${erasureId}`;
      const waiting = await sql`select 1 from pg_stat_activity where wait_event_type = 'Lock' and query ilike 'delete from events%'`;
      const erased = row?.counts.totals.events ?? 0;
      return erased >= 1_000 && waiting.length > 0 ? erased : undefined;
    }, 60_000);
    expect(progress).toBeLessThan(2_510);

    // Begun: no way back. The person cannot log in, their session is gone.
    const login = await loginFrom(person.email, person.password, api!.url);
    expect(login.status).toBe(401);
    expect(login.body.error.code).toBe('invalid_credentials');
    expect((await http('GET', '/v1/me/erasure', { headers: bearer(person.token), baseUrl: api!.url })).status).toBe(401);

    await terminate(worker, 'SIGKILL');
    release();
    await holding;
    await startWorker(); // a fresh worker on the same queue picks the batch up again

    const handle = temporal.client.workflow.getHandle(workflowIds.erasure(person.id));
    const summary = await handle.result();
    expect(summary).toMatchObject({ erasureId, status: 'ERASED' });
    expect(summary!.counts).toMatchObject({ events: 2_510, accounts: 1, partnerUsers: 2 });
    const [left] = await sql`select count(*)::int as n from events where organization_id in ${sql([a!.id, b!.id])}`;
    expect(left!.n).toBe(0);
    const audits = await sql`select organization_id, details from audit_log where action = 'user.erased'
      and organization_id in ${sql([a!.id, b!.id])} order by organization_id`;
    expect(Object.fromEntries(audits.map((r) => [r.organization_id, r.details.events]))).toEqual({
      [a!.id]: 2_500,
      [b!.id]: 10,
    });
    // One message per partner, with its own id (a retried delivery would repeat its webhook-id).
    for (const partner of [a!, b!]) {
      const told = receiver.ofType('user.erased').filter((r) => r.json.data.userId === partner.userId);
      expect(new Set(told.map((r) => r.headers['webhook-id'])).size).toBe(1);
    }
    expect((await http('POST', '/resolve', { headers: keyHeaders(a!.apiKey), body: { userId: a!.userId } })).status).toBe(
      404,
    );

    // The batch the dead worker held was retried on the new one.
    const attempts = (await historyEvents(handle)).map((e) => e.activityTaskStartedEventAttributes?.attempt ?? 0);
    expect(Math.max(...attempts)).toBeGreaterThanOrEqual(2);
    await maybeRecordHistory(handle, 'erasure-worker-killed.json');
  });
});
