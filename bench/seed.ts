import type postgres from 'postgres';

export interface SeedFigures {
  events: number;
  seconds: number;
  eventsPerSec: number;
}

/**
 * Gives one partner user `total` events straight in SQL, with the aggregates on its
 * partner_users row set exactly as insertEvents would have left them: resolve reads only that
 * row, so a row that disagreed with the events would make the comparison meaningless.
 * Events are one minute apart, newest a minute before `now`.
 */
export async function seedUserInSql(
  sql: postgres.Sql,
  opts: { organizationId: string; externalId: string; total: number; chunk: number; now: Date },
  progress: (done: number, total: number) => void,
): Promise<SeedFigures> {
  const { organizationId, externalId, total, chunk, now } = opts;
  const started = performance.now();
  const userId = `usr_bench_${externalId}`;
  const minute = 60_000;
  await sql`
    insert into partner_users (id, organization_id, external_id, event_count, first_event_at, last_event_at)
    values (${userId}, ${organizationId}, ${externalId}, ${total},
            ${new Date(now.getTime() - total * minute)}, ${new Date(now.getTime() - minute)})`;
  progress(0, total);
  // One statement per chunk keeps each transaction, and the WAL it writes, bounded, and lets
  // the progress line move.
  for (let from = 1; from <= total; from += chunk) {
    const to = Math.min(total, from + chunk - 1);
    await sql`
      insert into events (id, organization_id, partner_user_id, type, significance, data, occurred_at)
      select 'evt_bench_' || g, ${organizationId}, ${userId}, 'bench.event', 'normal', null,
             ${now}::timestamptz - g * interval '1 minute'
      from generate_series(${from}::int, ${to}::int) as g`;
    progress(to, total);
  }
  // Right after a million-row load autovacuum would start on the table, and a checkpoint spread
  // over minutes would flush the load's pages, in the middle of the measurement; doing both now
  // keeps that work out of the figures.
  await sql`vacuum (analyze) events, partner_users`;
  await sql`checkpoint`;
  const seconds = (performance.now() - started) / 1000;
  return { events: total, seconds: Number(seconds.toFixed(1)), eventsPerSec: Math.round(total / seconds) };
}
