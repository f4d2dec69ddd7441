import { listEvents, eventPageQuery, type EventFilter } from '../../src/db/queries/event-list';
import { createDatabase, rawClient } from '../../src/db/client';
import { testEnv } from '../helpers/env';
import { createOrg } from '../helpers/http';

const database = createDatabase(testEnv().databaseUrl, { max: 2 });
const sql = rawClient(database.db);
const EVENTS = 300_000;
const USERS = 10_000;
const HEAVY = 50_000;
const LIMIT = 100;

type PlanNode = {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows': number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
};
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];
/**
 * Seq scans that read a row. The planner may "scan" an empty month (ahead of time, or the DEFAULT
 * partition): it has no page to read, so that costs nothing; a scan that reads rows is the failure.
 */
const seqScans = (scans: PlanNode[]) =>
  scans
    .filter((n) => n['Node Type'] === 'Seq Scan' && n['Actual Rows'] + (n['Rows Removed by Filter'] ?? 0) > 0)
    .map((n) => n['Relation Name']);

async function plan(filter: EventFilter, organizationId: string) {
  const query = (await eventPageQuery(database.db, organizationId, filter))!.statement.toSQL();
  const [row] = await sql.unsafe(`explain (analyze, format json) ${query.sql}`, query.params as never[]);

  const root = (row!['QUERY PLAN'] as [{ Plan: PlanNode }])[0].Plan;
  // events is partitioned by month (ADR 0009): its scans name the partitions, events_y2026m12 and so on.
  return nodes(root).filter((n) => EVENTS_PARTITION.test(n['Relation Name'] ?? '') || n['Relation Name'] === 'partner_users');
}

const EVENTS_PARTITION = /^events_(y\d{4}m\d{2}|default|legacy)$/;

let big: { id: string };
let small: { id: string };

beforeAll(async () => {
  [big, small] = await Promise.all([createOrg(), createOrg()]);
  // Written by SQL rather than through the API: the plans depend on the rows and the statistics
  // only, and 300,000 events through HTTP would take minutes of a shared machine.
  await sql.begin(async (tx) => {
    await tx`insert into partner_users (id, organization_id, external_id, event_count)
      select 'usr_plan_' || ${big.id} || '_' || g, ${big.id}, 'user-' || g, ${EVENTS / USERS}
      from generate_series(1, ${USERS}) g`;
    await tx`insert into events (id, organization_id, partner_user_id, type, significance, occurred_at, received_at)
      select 'evt_plan_' || ${big.id} || '_' || g, ${big.id}, 'usr_plan_' || ${big.id} || '_' || (g % ${USERS} + 1),
        case when g % 2 = 0 then 'review.posted' when g % 7 = 0 then 'order.refunded' else 'order.paid' end,
        'normal', date_trunc('milliseconds', now()) - make_interval(secs => g),
        -- Received over the months that exist, so each page merges walks of several partitions.
        now() + make_interval(days => (g % 3) * 28)
      from generate_series(1, ${EVENTS}) g`;
    await tx`insert into partner_users (id, organization_id, external_id, event_count)
      values (${`usr_plan_${big.id}_heavy`}, ${big.id}, 'heavy', ${HEAVY})`;
    await tx`insert into events (id, organization_id, partner_user_id, type, significance, occurred_at)
      select 'evt_plan_' || ${big.id} || '_heavy_' || g, ${big.id}, ${`usr_plan_${big.id}_heavy`}, 'account.opened', 'normal',
        date_trunc('milliseconds', now()) - make_interval(secs => g + 0.5)
      from generate_series(1, ${HEAVY}) g`;
  });
  await sql`analyze partner_users`;
  await sql`analyze events`;
}, 300_000);

afterAll(() => database.close());

describe('GET /events plans at 350,000 events in one organisation', () => {
  const deep = async () => {
    // The cursor of page 1,000: every page after it must cost what the first one does.
    const [row] = await sql<{ occurred_at: Date; id: string }[]>`
      select occurred_at, id from events where organization_id = ${big.id}
      order by occurred_at desc, id desc offset ${LIMIT * 1000} limit 1`;
    return { at: new Date(row!.occurred_at), id: row!.id };
  };
  const cases: [string, () => Promise<Omit<EventFilter, 'limit'>>][] = [
    ['no filter', async () => ({})],
    ['a user', async () => ({ userId: 'user-42' })],
    ['an exact type', async () => ({ type: { exact: 'review.posted' } })],
    ['a type prefix', async () => ({ type: { prefix: 'order.' } })],
    ['a time range', async () => ({ from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() - 3_600_000) })],
    ['page 1,000', async () => ({ cursor: await deep() })],
    ['page 1,000 of a type', async () => ({ cursor: await deep(), type: { exact: 'review.posted' } })],
    ['a user with 50,000 events', async () => ({ userId: 'heavy' })],
    ['a user and a type', async () => ({ userId: 'user-42', type: { exact: 'order.paid' } })],
  ];

  it.each(cases)('%s: index walks over events and users that read about one page, never a scan', async (_, make) => {
    const filter = { ...(await make()), limit: LIMIT };
    const scans = await plan(filter, big.id);
    expect(seqScans(scans)).toEqual([]);
    expect(scans.map((n) => n['Node Type'])).toContain('Index Scan');
    // One walk per month that holds the organisation's rows, merged in order (Merge Append).
    expect(new Set(scans.map((n) => n['Relation Name']).filter((r) => r !== 'partner_users')).size).toBeGreaterThan(1);
    // A walk stops at the page's end: the rows it read are a small multiple of the page, not the table.
    for (const scan of scans) expect(scan['Actual Rows']).toBeLessThanOrEqual(LIMIT * 10);
  });

  it('a small tenant beside the large one reads only its own rows', async () => {
    const scans = await plan({ limit: LIMIT }, small.id);
    expect(seqScans(scans)).toEqual([]);
    for (const scan of scans) expect(scan['Actual Rows']).toBe(0);
  });

  it('pages from the new statement join every user and continue exactly where the last one stopped', async () => {
    const first = await listEvents(database.db, big.id, { limit: 3, type: { prefix: 'order.' } });
    expect(first.events.map((e) => e.type)).toEqual(['order.paid', 'order.paid', 'order.paid']);
    expect(first.events.map((e) => e.userId)).toEqual(['user-2', 'user-4', 'user-6']);
    const second = await listEvents(database.db, big.id, { limit: 3, type: { prefix: 'order.' }, cursor: first.next! });
    expect(second.events.map((e) => [e.type, e.userId])).toEqual([
      ['order.refunded', 'user-8'],
      ['order.paid', 'user-10'],
      ['order.paid', 'user-12'],
    ]);
  });
});
