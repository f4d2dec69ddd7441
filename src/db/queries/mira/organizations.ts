import { and, eq, isNull } from 'drizzle-orm';
import { issueMiraKey } from '../../../domain/mira/keys';
import type { Executor } from '../../client';
import { miraApiKeys, miraOrganizations } from '../../schema';

/** Returns the stored row plus the plaintext, which goes to exactly one response. */
export async function insertMiraKey(
  db: Executor,
  organizationId: string,
  canWrite: boolean,
  name: string | null = null,
  rateLimitPerMinute: number | null = null,
) {
  const secret = issueMiraKey();
  const [row] = await db
    .insert(miraApiKeys)
    .values({
      organizationId,
      keyHash: secret.hash,
      keyPrefix: secret.displayPrefix,
      canWrite,
      name,
      rateLimitPerMinute,
    })
    .returning();
  if (!row) throw new Error('mira key insert returned no row');
  return { ...row, plaintext: secret.plaintext };
}

/** The organisation and its first read+write key, together or not at all. */
export async function createMiraOrganization(db: Executor, name: string) {
  return db.transaction(async (tx) => {
    const [org] = await tx.insert(miraOrganizations).values({ name }).returning();
    if (!org) throw new Error('mira organization insert returned no row');
    return { org, key: await insertMiraKey(tx, org.id, true) };
  });
}

export async function findMiraOrganization(db: Executor, id: string) {
  const [org] = await db.select().from(miraOrganizations).where(eq(miraOrganizations.id, id)).limit(1);
  return org ?? null;
}

export interface MiraKeyOwner {
  keyId: string;
  organizationId: string;
  canWrite: boolean;
  /** The key's own limit; null: MIRA_KEY_RATE_LIMIT_PER_MINUTE. Cached with the key, flushed when changed (0037). */
  rateLimitPerMinute: number | null;
}

/** One indexed probe per request: the hash is unique. */
export async function findMiraKeyByHash(db: Executor, keyHash: string): Promise<MiraKeyOwner | null> {
  const [row] = await db
    .select({
      keyId: miraApiKeys.id,
      organizationId: miraApiKeys.organizationId,
      canWrite: miraApiKeys.canWrite,
      rateLimitPerMinute: miraApiKeys.rateLimitPerMinute,
    })
    .from(miraApiKeys)
    .where(and(eq(miraApiKeys.keyHash, keyHash), isNull(miraApiKeys.revokedAt)))
    .limit(1);
  return row ?? null;
}
