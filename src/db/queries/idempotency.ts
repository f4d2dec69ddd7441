import { createHash } from 'node:crypto';
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { idempotencyKeys } from '../schema';

export const IDEMPOTENCY_WINDOW_HOURS = 24;

export interface StoredResponse {
  requestHash: string;
  responseStatus: number;
  responseBody: unknown;
}

/** A stored answer, or a reservation (responseStatus null) of a request still running. */
export interface StoredKey {
  requestHash: string;
  responseStatus: number | null;
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

export async function findStoredResponse(tx: Executor, scope: string, key: string): Promise<StoredKey | null> {
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

/**
 * Reserves the key for a request that commits its own work. Overwrites only an expired answer or
 * a reservation older than `leaseMs` (its request crashed or hung); false means another request
 * still holds it. Call under tryLockIdempotencyKey.
 */
export async function reserveKey(
  tx: Executor,
  scope: string,
  key: string,
  requestHash: string,
  leaseMs: number,
): Promise<boolean> {
  const rows = await tx.execute(sql`
    insert into idempotency_keys (scope, key, request_hash, response_status, response_body, created_at)
    values (${scope}, ${key}, ${requestHash}, null, null, now())
    on conflict (scope, key) do update
      set request_hash = excluded.request_hash, response_status = null, response_body = null, created_at = now()
      where idempotency_keys.created_at < now() - make_interval(hours => ${IDEMPOTENCY_WINDOW_HOURS})
         or (idempotency_keys.response_status is null
             and idempotency_keys.created_at < now() - make_interval(secs => ${leaseMs / 1000}))
    returning 1 as reserved`);
  return rows.length > 0;
}

/** Turns this request's reservation into its stored answer. */
export async function completeKey(db: Executor, scope: string, key: string, response: StoredResponse): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ responseStatus: response.responseStatus, responseBody: response.responseBody })
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key), isNull(idempotencyKeys.responseStatus)));
}

/** Frees the key after a failed request, so a corrected retry runs. */
export async function releaseKey(db: Executor, scope: string, key: string): Promise<void> {
  await db
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key), isNull(idempotencyKeys.responseStatus)));
}
