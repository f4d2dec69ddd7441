import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

export interface WindowCount {
  count: number;
  resetsAt: Date;
}

/**
 * Counts one request in the current one-minute window of `bucket`, in Postgres so every API
 * process shares the count. Old windows are swept now and then by the same statement.
 */
export async function countRequest(db: Executor, bucket: string): Promise<WindowCount> {
  const sweep = Math.random() < 0.01;
  const rows = await db.execute<{ count: number; resets_at: string }>(sql`
    with swept as (
      delete from rate_limit_counters where ${sweep} and window_start < now() - interval '5 minutes'
    )
    insert into rate_limit_counters (bucket, window_start, count)
    values (${bucket}, date_trunc('minute', now()), 1)
    on conflict (bucket, window_start) do update set count = rate_limit_counters.count + 1
    returning count, window_start + interval '1 minute' as resets_at`);
  const row = rows[0]!;
  return { count: Number(row.count), resetsAt: new Date(row.resets_at) };
}

/** countRequest for an agent and its family's root in one statement. */
export async function countRequests(db: Executor, own: string, family: string): Promise<Map<string, WindowCount>> {
  const rows = await db.execute<{ bucket: string; count: number; resets_at: string }>(sql`
    insert into rate_limit_counters (bucket, window_start, count)
    values (${own}, date_trunc('minute', now()), 1), (${family}, date_trunc('minute', now()), 1)
    on conflict (bucket, window_start) do update set count = rate_limit_counters.count + 1
    returning bucket, count, window_start + interval '1 minute' as resets_at`);
  return new Map(rows.map((r) => [r.bucket, { count: Number(r.count), resetsAt: new Date(r.resets_at) }]));
}
