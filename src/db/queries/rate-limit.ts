import { type Executor, rawClient } from '../client';

export interface WindowCount {
  count: number;
  resetsAt: Date;
}

/** A bucket to count one request in, and the limit it refuses past. */
export interface Bucket {
  bucket: string;
  limit: number;
}

/**
 * Counts one request in the current one-minute window of every bucket, all or nothing
 * (mir_count_request, migration 0020): if any bucket is past its limit, none keeps the request.
 * One statement whatever the number of buckets, in Postgres so every API process shares the
 * counts. Give the buckets deepest first (see the migration: that order never deadlocks). Old
 * windows are swept now and then by the same statement.
 */
export async function countRequest(db: Executor, buckets: Bucket[]): Promise<WindowCount[]> {
  const sweep = Math.random() < 0.01;
  const names = buckets.map((b) => b.bucket);
  const limits = buckets.map((b) => b.limit);
  const [row] = await rawClient(db)<{ counts: number[]; resets_at: Date }[]>`
    with swept as (
      delete from rate_limit_counters where ${sweep} and window_start < now() - interval '5 minutes'
    )
    select mir_count_request(${names}::text[], ${limits}::int[]) as counts,
      date_trunc('minute', now()) + interval '1 minute' as resets_at`;
  const resetsAt = new Date(row!.resets_at);
  return row!.counts.map((count) => ({ count: Number(count), resetsAt }));
}
