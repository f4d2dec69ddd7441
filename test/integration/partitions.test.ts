import { ScheduleOverlapPolicy } from '@temporalio/client';
import {
  type PartitionOptions,
  type PartitionOutcome,
  createPartitionActivities,
} from '../../src/activities/partitions';
import { createDatabase, rawClient } from '../../src/db/client';
import { PARTITION_SCHEDULE_ID } from '../../src/temporal/partition-schedule';
import { testEnv } from '../helpers/env';
import { keyHeaders, seedEvents, uniqueUserId } from '../helpers/events';
import { createOrg, http } from '../helpers/http';
import { eventually, useTemporalClient } from '../helpers/temporal';

const database = createDatabase(testEnv().databaseUrl, { max: 4 });
const sql = rawClient(database.db);
const temporal = useTemporalClient();
afterAll(() => database.close());

const DAY = 86_400_000;
const monthName = (table: string, at: Date) =>
  `${table}_y${at.getUTCFullYear()}m${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
const monthsFromNow = (n: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + n, 1));
};

async function partitionsOf(table: string): Promise<string[]> {
  const rows = await sql<{ name: string }[]>`
    select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = ${table}::regclass order by 1`;
  return rows.map((r) => r.name);
}

/** Triggers the worker's schedule and waits for the run it started to complete. */
async function scheduledRun() {
  const schedule = temporal.client.schedule.getHandle(PARTITION_SCHEDULE_ID);
  const before = new Set((await schedule.describe()).info.recentActions.map((a) => a.action.workflow.workflowId));
  await schedule.trigger(ScheduleOverlapPolicy.ALLOW_ALL);
  const started = await eventually(
    async () =>
      (await schedule.describe()).info.recentActions.find((a) => !before.has(a.action.workflow.workflowId)),
    60_000,
  );
  return temporal.client.workflow.getHandle(started.action.workflow.workflowId).result();
}

/** The activity called here, retried as Temporal retries it when its DDL gives up waiting for a lock. */
async function maintain(opts: PartitionOptions = { decisionRetentionDays: 90 }): Promise<PartitionOutcome[]> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await createPartitionActivities(database.db, opts).maintainPartitions();
    } catch (err) {
      if ((err as { code?: string }).code !== '55P03' || attempt === 30) throw err;
    }
  }
}

/**
 * One run of the workflow on the stack's worker, started here: a schedule names its runs by the
 * second it starts them, so two triggers within a second would make one run.
 */
let runs = 0;
const workflowRun = (): Promise<PartitionOutcome[]> =>
  temporal.client.workflow.execute('partitionMaintenanceWorkflow', {
    taskQueue: 'mir',
    workflowId: `partition-maintenance-test-${process.pid}-${Date.now()}-${(runs += 1)}`,
    args: [],
  });

const list = (apiKey: string, userId: string) =>
  http('GET', `/events?userId=${encodeURIComponent(userId)}`, { headers: keyHeaders(apiKey) });
const resolve = (apiKey: string, userId: string) =>
  http('POST', '/resolve', { headers: keyHeaders(apiKey), body: { userId } });

// DDL waits for its locks behind other files' statements on a shared machine: a wide bound.
jest.setTimeout(180_000);

describe('monthly partitions of events and the decision log', () => {
  it('the worker made its daily schedule at start, and its runs keep this month and three ahead', async () => {
    const schedule = await temporal.client.schedule.getHandle(PARTITION_SCHEDULE_ID).describe();
    expect(schedule.spec.intervals?.map((i) => i.every)).toEqual([DAY]);
    expect(schedule.action).toMatchObject({ workflowType: 'partitionMaintenanceWorkflow' });
    await scheduledRun();
    for (const table of ['events', 'policy_decisions']) {
      const parts = await partitionsOf(table);
      for (let n = 0; n <= 3; n++) expect(parts).toContain(monthName(table, monthsFromNow(n)));
      expect(parts).toContain(`${table}_default`);
    }
  });

  it('two runs at once both succeed, and the second finds nothing to do', async () => {
    const [a, b, c] = await Promise.all([maintain(), workflowRun(), workflowRun()]);
    for (const outcome of [a, b, c]) expect(outcome.map((o: PartitionOutcome) => o.dropped)).toEqual([[], []]);
    expect([...a, ...b, ...c].flatMap((o) => o.created)).toEqual([]);
  });

  it('an event received in a month without a partition is kept, listed, and moved into its month', async () => {
    const org = await createOrg();
    const userId = uniqueUserId('default-partition');
    await seedEvents(org.apiKey, [{ type: 'order.paid', userId }]);
    const [user] = await sql<{ id: string }[]>`select id from partner_users where external_id = ${userId}`;
    // Nobody made May 2031: only a clock far off, or a worker down for years, would write there.
    await sql`insert into events (id, organization_id, partner_user_id, type, significance, occurred_at, received_at)
      values (${`evt_future_${userId}`}, ${org.id}, ${user!.id}, 'order.refunded', 'normal', now(), '2031-05-10T00:00:00Z')`;
    const [caught] = await sql`select tableoid::regclass::text as part from events where id = ${`evt_future_${userId}`}`;
    expect(caught!.part).toBe('events_default');
    expect((await list(org.apiKey, userId)).body.events.map((e: { type: string }) => e.type)).toContain('order.refunded');

    const outcome = await workflowRun();
    expect(outcome[0]).toMatchObject({ table: 'events', moved: 1, created: ['events_y2031m05'] });
    const [moved] = await sql`select tableoid::regclass::text as part from events where id = ${`evt_future_${userId}`}`;
    expect(moved!.part).toBe('events_y2031m05');
    expect(await sql`select 1 from events_default`).toHaveLength(0);
    const listed = await list(org.apiKey, userId);
    expect(listed.status).toBe(200);
    expect(listed.body.events.map((e: { type: string }) => e.type).sort()).toEqual(['order.paid', 'order.refunded']);
    await sql`drop table events_y2031m05`;
  });

  it('event retention drops a whole month past MIR_EVENT_RETENTION_DAYS; resolve answers as before', async () => {
    const org = await createOrg();
    const userId = uniqueUserId('retained');
    await seedEvents(org.apiKey, [1, 2, 3].map(() => ({ type: 'order.paid', userId })));
    const before = await resolve(org.apiKey, userId);
    expect(before.body).toMatchObject({ eventCount: 3 });
    // Received 400 days ago: the month they land in (made for them) is past a 300-day retention.
    const old = new Date(Date.now() - 400 * DAY);
    await sql`update events set received_at = received_at - interval '400 days'
      where partner_user_id = (select id from partner_users where external_id = ${userId})`;

    const [events] = await maintain({ decisionRetentionDays: 90, eventRetentionDays: 300 });
    expect(events).toMatchObject({ table: 'events', moved: 3, dropped: [monthName('events', old)] });
    expect(await partitionsOf('events')).not.toContain(monthName('events', old));
    expect((await list(org.apiKey, userId)).body.events).toEqual([]);
    expect((await resolve(org.apiKey, userId)).body).toEqual(before.body);
  });

  it('the decision log drops a month once all of it is past MIR_DECISION_RETENTION_DAYS, keeps the rest', async () => {
    const org = await createOrg();
    const old = new Date(Date.now() - 200 * DAY);
    await sql`insert into policy_decisions (id, organization_id, actor_id, actor_type, action, decision, reasons, inputs, created_at)
      values ('dec_old_' || ${org.id}, ${org.id}, 'someone', 'human', 'account.read', 'ALLOW', '[]', '{}', ${old.toISOString()}::timestamptz),
             ('dec_new_' || ${org.id}, ${org.id}, 'someone', 'human', 'account.read', 'ALLOW', '[]', '{}', now())`;

    // The stack's worker keeps decisions MIR_DECISION_RETENTION_DAYS, 90 by default.
    const [, decisions] = await workflowRun();
    expect(decisions).toMatchObject({ table: 'policy_decisions', dropped: [monthName('policy_decisions', old)] });
    const left = await sql`select id from policy_decisions where organization_id = ${org.id}`;
    expect(left.map((r) => r.id)).toEqual([`dec_new_${org.id}`]);
  });
});
