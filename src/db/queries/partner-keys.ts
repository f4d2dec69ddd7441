import { and, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Cursor } from '../../domain/cursor';
import type { Role } from '../../domain/roles';
import type { Executor } from '../client';
import { apiKeys } from '../schema';
import { type AuditActor, writeAudit } from './audit';
import { insertApiKey } from './api-keys';

/** A partner key as its organisation may see it: never the key, nor its hash. */
export interface KeyListing {
  id: string;
  name: string | null;
  role: Role;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const listing = {
  id: apiKeys.id,
  name: apiKeys.name,
  role: apiKeys.role,
  prefix: apiKeys.keyPrefix,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

/**
 * Newest first by (createdAt, id), one more row than asked to tell whether a page follows. The
 * boundary is the cursor key's own stored time (a cursor carries milliseconds, Postgres keeps
 * microseconds), the cursor's time only if that key is gone.
 */
export async function listPartnerKeys(
  db: Executor,
  params: { organizationId: string; limit: number; cursor?: Cursor; includeRevoked: boolean },
): Promise<KeyListing[]> {
  const { cursor, organizationId } = params;
  const exactAt = cursor
    ? sql`coalesce((select c.created_at from api_keys c where c.id = ${cursor.id} and c.organization_id = ${organizationId}), ${cursor.at.toISOString()}::timestamptz)`
    : null;
  return db
    .select(listing)
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.organizationId, organizationId),
        params.includeRevoked ? undefined : isNull(apiKeys.revokedAt),
        cursor ? sql`(${apiKeys.createdAt}, ${apiKeys.id}) < (${exactAt}, ${cursor.id})` : undefined,
      ),
    )
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
    .limit(params.limit + 1);
}

export type KeyChange =
  | { outcome: 'done'; key: KeyListing; plaintext?: string }
  | { outcome: 'not_found' | 'last_owner' | 'revoked' | 'outranks' };

interface Change {
  organizationId: string;
  keyId: string;
  /** The caller's role: an ADMIN cannot touch an OWNER's key. */
  callerRole: Role | null;
  actor: AuditActor;
  requestId?: string;
}

/**
 * Locks the organisation's active OWNER keys and the target in one statement's order (by id), so
 * two revocations of its last two OWNER keys at once cannot both pass the "another OWNER key
 * remains" check: the second waits for the first and then counts one.
 */
async function lockForChange(tx: Executor, p: Change) {
  const rows = await tx
    .select({ ...listing })
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.organizationId, p.organizationId),
        or(eq(apiKeys.id, p.keyId), and(eq(apiKeys.role, 'OWNER'), isNull(apiKeys.revokedAt))),
      ),
    )
    .orderBy(apiKeys.id)
    .for('update');
  const key = rows.find((r) => r.id === p.keyId) ?? null;
  const owners = rows.filter((r) => r.role === 'OWNER' && r.revokedAt === null).length;
  return { key, owners };
}

/** Idempotent: an already revoked key answers as it is, with its first revocation time. */
export async function revokePartnerKey(db: Executor, p: Change): Promise<KeyChange> {
  return db.transaction(async (tx) => {
    const { key, owners } = await lockForChange(tx, p);
    if (!key) return { outcome: 'not_found' };
    if (key.role === 'OWNER' && p.callerRole !== 'OWNER') return { outcome: 'outranks' };
    if (key.revokedAt) return { outcome: 'done', key };
    if (key.role === 'OWNER' && owners <= 1) return { outcome: 'last_owner' };
    const [revoked] = await tx
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(eq(apiKeys.id, key.id))
      .returning(listing);
    await writeAudit(tx, {
      organizationId: p.organizationId,
      actor: p.actor,
      requestId: p.requestId,
      action: 'api_key.revoked',
      targetType: 'api_key',
      targetId: key.id,
    });
    return { outcome: 'done', key: revoked! };
  });
}

/** A new key with the old one's name and role; the old one stops working in the same commit. */
export async function rotatePartnerKey(db: Executor, p: Change): Promise<KeyChange> {
  return db.transaction(async (tx) => {
    const { key } = await lockForChange(tx, p);
    if (!key) return { outcome: 'not_found' };
    if (key.role === 'OWNER' && p.callerRole !== 'OWNER') return { outcome: 'outranks' };
    if (key.revokedAt) return { outcome: 'revoked' };
    await tx
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(eq(apiKeys.id, key.id));
    const fresh = await insertApiKey(tx, { organizationId: p.organizationId, role: key.role, name: key.name });
    await writeAudit(tx, {
      organizationId: p.organizationId,
      actor: p.actor,
      requestId: p.requestId,
      action: 'api_key.rotated',
      targetType: 'api_key',
      targetId: key.id,
      details: { newKeyId: fresh.id },
    });
    const { plaintext, keyPrefix, ...row } = fresh;
    return {
      outcome: 'done',
      plaintext,
      key: {
        id: row.id,
        name: row.name,
        role: row.role,
        prefix: keyPrefix,
        createdAt: row.createdAt,
        lastUsedAt: row.lastUsedAt,
        revokedAt: row.revokedAt,
      },
    };
  });
}
