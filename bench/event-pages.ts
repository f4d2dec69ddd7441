import type postgres from 'postgres';
import { round } from './load';

/**
 * `npm run bench -- event-pages [events]` (default 2,000,000): GET /events when one organisation
 * holds that many events, received over the last twelve months (so twelve monthly partitions
 * hold them, as a year of history would), beside a second organisation of 200,000. Rows are
 * written straight in SQL (generate_series), as the plans and times depend on the rows and the
 * statistics only. Page 1 and page 1,000 (reached by following 999 cursors) are fetched in turn,
 * fifteen times each; the median is the figure. Goal (ADR 0009): both under 50 ms and within 1.5× of
 * each other, the same for a type filter and for the small organisation.
 */
export interface EventPagesRow {
  events: number;
  partitions: number;
  seedSeconds: number;
  pages: { query: string; page1Ms: number; page1000Ms: number; ratio: number }[];
  smallOrgPage1Ms: number;
}

const USERS = 10_000;
const SMALL = 200_000;
const CHUNK = 500_000;
const MONTHS = 12;
const FETCHES = 15;

async function seed(sql: postgres.Sql, organizationId: string, total: number, label: string) {
  await sql`insert into partner_users (id, organization_id, external_id, event_count)
    select 'usr_pages_' || ${label} || '_' || g, ${organizationId}, 'user-' || g, ${Math.ceil(total / USERS)}
    from generate_series(1, ${USERS}) g`;
  for (let from = 1; from <= total; from += CHUNK) {
    const to = Math.min(total, from + CHUNK - 1);
    // Occurred and received together, one every 15 s back from now: a year for 2 M events.
    const step = (MONTHS * 30 * 86_400) / total;
    await sql`insert into events (id, organization_id, partner_user_id, type, significance, occurred_at, received_at)
      select 'evt_pages_' || ${label} || '_' || g, ${organizationId}, 'usr_pages_' || ${label} || '_' || (g % ${USERS} + 1),
        case when g % 2 = 0 then 'review.posted' when g % 7 = 0 then 'order.refunded' else 'order.paid' end, 'normal',
        now() - make_interval(secs => g * ${step}::float8), now() - make_interval(secs => g * ${step}::float8)
      from generate_series(${from}::int, ${to}::int) g`;
    console.log(`  ${label}: ${to.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} events`);
  }
}

async function timed(url: string, headers: Record<string, string>): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, { headers });
  await res.text();
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
  return performance.now() - t0;
}

const median = (times: number[]) => round(times.sort((a, b) => a - b)[times.length >> 1]!);

/** Each URL's median time, fetched in turn, so a machine shared with other work slows both alike. */
async function medians(urls: string[], headers: Record<string, string>): Promise<number[]> {
  const times = urls.map((): number[] => []);
  for (let i = 0; i < FETCHES; i += 1) for (const [k, url] of urls.entries()) times[k]!.push(await timed(url, headers));
  return times.map(median);
}

/** Page 1's and page 1,000's median time for one query, the cursor of page 1,000 found as a client would. */
async function pageTimes(apiUrl: string, headers: Record<string, string>, query: string) {
  const url = (cursor?: string) =>
    `${apiUrl}/v1/events?limit=100${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
  let cursor: string | undefined;
  for (let page = 1; page < 1000; page += 1) {
    const res = await fetch(url(cursor), { headers });
    const body = (await res.json()) as { nextCursor: string | null };
    if (!body.nextCursor) throw new Error(`${query || 'no filter'}: no page ${page + 1}`);
    cursor = body.nextCursor;
  }
  const [page1Ms, page1000Ms] = (await medians([url(), url(cursor)], headers)) as [number, number];
  return { query: query || '(no filter)', page1Ms, page1000Ms, ratio: round(page1000Ms / page1Ms) };
}

export async function benchEventPages(opts: {
  apiUrl: string;
  sql: postgres.Sql;
  big: { id: string; headers: Record<string, string> };
  small: { id: string; headers: Record<string, string> };
  events: number;
}): Promise<EventPagesRow> {
  const { sql } = opts;
  // The past months a year of history would have: the worker makes only this one and those ahead.
  await sql`select mir_month_partition('events', (now() - make_interval(months => m))::date)
    from generate_series(1, ${MONTHS}) m`;
  const t0 = performance.now();
  await seed(sql, opts.big.id, opts.events, 'big');
  await seed(sql, opts.small.id, SMALL, 'small');
  await sql`analyze partner_users`;
  await sql`analyze events`;
  const seedSeconds = round((performance.now() - t0) / 1000);
  const [{ n }] = await sql<[{ n: number }]>`select count(*)::int as n from pg_inherits where inhparent = 'events'::regclass`;
  const pages = [];
  for (const query of ['', '&type=review.posted', '&type=order.*'])
    pages.push(await pageTimes(opts.apiUrl, opts.big.headers, query));
  const [smallOrgPage1Ms] = (await medians([`${opts.apiUrl}/v1/events?limit=100`], opts.small.headers)) as [number];
  return { events: opts.events, partitions: n, seedSeconds, pages, smallOrgPage1Ms };
}

export function printEventPages(row: EventPagesRow): void {
  console.log(
    `  ${row.events.toLocaleString('en-US')} events in one organisation over ${row.partitions} partitions (seeded in ${row.seedSeconds} s)`,
  );
  for (const p of row.pages)
    console.log(`  GET /events ${p.query}: page 1 ${p.page1Ms} ms, page 1,000 ${p.page1000Ms} ms (${p.ratio}×)`);
  console.log(`  a second organisation of ${SMALL.toLocaleString('en-US')} events: page 1 ${row.smallOrgPage1Ms} ms`);
}
