import type postgres from 'postgres';
import { encodeCursor } from '../src/domain/cursor';
import { type CardinalitySettings, Side, sendFor } from './cardinality';
import { round } from './load';

/**
 * `npm run bench -- scale [events]` (default 10,000,000): bulk ingestion into one organisation over
 * a million users until the table holds that many events, the rate of every million-event window,
 * the answers that were not 200, the database's size per million events, and GET /events page 1
 * and page 1,000 at each window's end. Minutes of a machine: not part of the default run.
 */
export interface ScaleWindow {
  eventsAtEnd: number;
  eventsPerSec: number;
  non2xx: Record<string, number>;
  bytesPerMillionEvents: number;
  page1Ms: number;
  page1000Ms: number;
}

const SETTINGS: CardinalitySettings = { users: 1_000_000, senders: 8, batchSize: 500, durationSec: 0, slices: 1 };
const WINDOW = 1_000_000;

async function timedGet(url: string, headers: Record<string, string>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const t0 = performance.now();
    const res = await fetch(url, { headers });
    await res.text();
    if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
    times.push(performance.now() - t0);
  }
  return round(times.sort((a, b) => a - b)[2]!);
}

async function pageTimes(apiUrl: string, headers: Record<string, string>, sql: postgres.Sql, organizationId: string) {
  const [row] = await sql<{ occurred_at: Date; id: string }[]>`
    select occurred_at, id from events where organization_id = ${organizationId}
    order by occurred_at desc nulls last, id desc nulls last offset ${100 * 999} limit 1`;
  const page1Ms = await timedGet(`${apiUrl}/v1/events?limit=100`, headers);
  const cursor = row ? encodeCursor({ at: new Date(row.occurred_at), id: row.id }) : '';
  const page1000Ms = row ? await timedGet(`${apiUrl}/v1/events?limit=100&cursor=${cursor}`, headers) : 0;
  return { page1Ms, page1000Ms };
}

export async function benchScale(opts: {
  apiUrl: string;
  headers: Record<string, string>;
  sql: postgres.Sql;
  organizationId: string;
  target: number;
}): Promise<ScaleWindow[]> {
  const windows: ScaleWindow[] = [];
  const prefix = `scale-${Date.now().toString(36)}`;
  let total = 0;
  while (total < opts.target) {
    const side = new Side();
    while (side.accepted < WINDOW) await sendFor({ url: `${opts.apiUrl}/events/bulk`, headers: opts.headers }, side, SETTINGS, 5, prefix);
    total += side.accepted;
    const [size] = await opts.sql<{ bytes: string }[]>`
      select (select sum(pg_total_relation_size(relid)) from pg_partition_tree('events')) -- its months (ADR 0009)
        + pg_total_relation_size('partner_users') as bytes`;
    const f = side.figures();
    const pages = await pageTimes(opts.apiUrl, opts.headers, opts.sql, opts.organizationId);
    const w = {
      eventsAtEnd: total,
      eventsPerSec: f.eventsPerSec,
      non2xx: f.non2xx,
      bytesPerMillionEvents: Math.round(Number(size!.bytes) / (total / 1e6)),
      ...pages,
    };
    windows.push(w);
    console.log(
      `  ${(total / 1e6).toFixed(1)} M events: ${w.eventsPerSec.toLocaleString('en-US')} events/s, non-2xx ${JSON.stringify(w.non2xx)}, ` +
        `${(w.bytesPerMillionEvents / 2 ** 20).toFixed(0)} MB per million events, GET /events page 1 ${w.page1Ms} ms, page 1,000 ${w.page1000Ms} ms`,
    );
  }
  return windows;
}
