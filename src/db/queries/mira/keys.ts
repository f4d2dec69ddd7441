import { and, asc, eq, sql } from 'drizzle-orm';
import { type Executor, rawClient } from '../../client';
import { miraApiKeys } from '../../schema';

/** What an operator sees of a key: never its hash, let alone the key. */
const listed = {
  id: miraApiKeys.id,
  name: miraApiKeys.name,
  prefix: miraApiKeys.keyPrefix,
  canWrite: miraApiKeys.canWrite,
  createdAt: miraApiKeys.createdAt,
  lastUsedAt: miraApiKeys.lastUsedAt,
  revokedAt: miraApiKeys.revokedAt,
  rateLimitPerMinute: miraApiKeys.rateLimitPerMinute,
};

export type MiraKeyListing = {
  id: string;
  name: string | null;
  prefix: string;
  canWrite: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  rateLimitPerMinute: number | null;
};

/** Every key of the organisation, oldest first (an organisation has a handful). */
export function listMiraKeys(db: Executor, organizationId: string): Promise<MiraKeyListing[]> {
  return db
    .select(listed)
    .from(miraApiKeys)
    .where(eq(miraApiKeys.organizationId, organizationId))
    .orderBy(asc(miraApiKeys.createdAt), asc(miraApiKeys.id))
    .limit(1000);
}

/**
 * Revokes the key, once: a second revocation (or one racing it) finds it revoked and answers the
 * first one's time, so revoking is idempotent. Null: no such key in this organisation.
 */
export async function revokeMiraKey(db: Executor, organizationId: string, keyId: string) {
  const mine = and(eq(miraApiKeys.organizationId, organizationId), eq(miraApiKeys.id, keyId));
  const [revoked] = await db
    .update(miraApiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(mine, sql`${miraApiKeys.revokedAt} is null`))
    .returning(listed);
  if (revoked) return revoked;
  // Read after the update: a revocation racing this one has committed by the time its row lock let us go.
  const [row] = await db.select(listed).from(miraApiKeys).where(mine).limit(1);
  return row ?? null;
}

/**
 * Sets (or, with null, clears) the key's own limit; revoked keys too, so a limit set before a
 * revocation reads the same after. Null: no such key in this organisation. The row's trigger
 * (migration 0037) tells every API process to drop its cached copy on commit.
 */
export async function setMiraKeyRateLimit(
  db: Executor,
  organizationId: string,
  keyId: string,
  rateLimitPerMinute: number | null,
): Promise<MiraKeyListing | null> {
  const [row] = await db
    .update(miraApiKeys)
    .set({ rateLimitPerMinute })
    .where(and(eq(miraApiKeys.organizationId, organizationId), eq(miraApiKeys.id, keyId)))
    .returning(listed);
  return row ?? null;
}

/** Conditional, so several API processes still write about once a minute per key. */
export async function touchMiraKeyLastUsed(db: Executor, keyId: string): Promise<void> {
  await rawClient(db)`
    update mira_api_keys set last_used_at = now()
    where id = ${keyId} and (last_used_at is null or last_used_at < now() - interval '1 minute')`;
}
