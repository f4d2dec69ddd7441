import { createHash } from 'node:crypto';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { idempotencyKeys } from '../schema';

export const IDEMPOTENCY_WINDOW_HOURS = 24;

export interface StoredResponse {
  requestHash: string;
  responseStatus: number;
  responseBody: unknown;
}

/**
 * A transaction-scoped advisory lock per (scope, key): the first request holds it until it
 * commits, so a duplicate that arrives meanwhile learns at once that it is still running.
 */
export async function tryLockIdempotencyKey(tx: Executor, scope: string, key: string): Promise<boolean> {
  const digest = createHash('sha256').update(`${scope}\0${key}`).digest();
  const lockId = digest.readBigInt64BE(0);
  const rows = await tx.execute<{ locked: boolean }>(
    sql`select pg_try_advisory_xact_lock(${lockId.toString()}::bigint) as locked`,
  );
  return rows[0]?.locked === true;
}

export async function findStoredResponse(tx: Executor, scope: string, key: string): Promise<StoredResponse | null> {
  const [row] = await tx
    .select()
    .from(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.scope, scope),
        eq(idempotencyKeys.key, key),
        gt(idempotencyKeys.createdAt, sql`now() - make_interval(hours => ${IDEMPOTENCY_WINDOW_HOURS})`),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** Also drops this scope's expired keys, which keeps the table to about a day of traffic. */
export async function storeResponse(tx: Executor, scope: string, key: string, response: StoredResponse): Promise<void> {
  await tx
    .delete(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.scope, scope),
        lt(idempotencyKeys.createdAt, sql`now() - make_interval(hours => ${IDEMPOTENCY_WINDOW_HOURS})`),
      ),
    );
  await tx
    .insert(idempotencyKeys)
    .values({ scope, key, ...response })
    .onConflictDoUpdate({
      target: [idempotencyKeys.scope, idempotencyKeys.key],
      set: { ...response, createdAt: sql`now()` },
    });
}
