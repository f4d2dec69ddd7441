import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

export interface WindowedCount {
  count: number;
  /** Seconds until this scope's window ends (at least 1). */
  retryAfterSeconds: number;
}

/**
 * Counts one attempt in `scope` and returns the count, in one statement: the row lock of the
 * upsert orders parallel attempts, so each sees a different count and no burst slips past a
 * limit. A window older than `windowSeconds` starts over at 1.
 */
export async function countAttempt(db: Executor, scope: string, windowSeconds: number): Promise<WindowedCount> {
  const sweep = Math.random() < 0.01;
  const rows = await db.execute<{ count: number; remaining: number }>(sql`
    with swept as (
      delete from throttle_counters where ${sweep} and window_started_at < now() - interval '1 day'
    )
    insert into throttle_counters as t (scope, window_started_at, count) values (${scope}, now(), 1)
    on conflict (scope) do update set
      window_started_at = case when t.window_started_at <= now() - make_interval(secs => ${windowSeconds})
                               then now() else t.window_started_at end,
      count = case when t.window_started_at <= now() - make_interval(secs => ${windowSeconds})
                   then 1 else t.count + 1 end
    returning count,
      extract(epoch from window_started_at + make_interval(secs => ${windowSeconds}) - now())::float8 as remaining`);
  const row = rows[0]!;
  return { count: Number(row.count), retryAfterSeconds: Math.max(1, Math.ceil(Number(row.remaining))) };
}

/** Takes back one counted attempt (it turned out not to be a failure, or it was refused). */
export async function refundAttempt(db: Executor, scope: string): Promise<void> {
  await db.execute(sql`update throttle_counters set count = greatest(count - 1, 0) where scope = ${scope}`);
}

/** Forgets the scope's window (a successful login clears its account's count). */
export async function clearScope(db: Executor, scope: string): Promise<void> {
  await db.execute(sql`delete from throttle_counters where scope = ${scope}`);
}
