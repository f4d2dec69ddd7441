import { and, eq, isNull } from 'drizzle-orm';
import { newId } from '../../domain/ids';
import { PARTNER_KEY_PREFIX, issueSecret } from '../../domain/keys';
import type { Plan, Role } from '../../domain/roles';
import { type Executor, rawClient } from '../client';
import { apiKeys } from '../schema';
import { type AuditActor, writeAudit } from './audit';

interface NewKey {
  organizationId: string;
  role: Role;
  name?: string | null;
}

/** Returns the stored row plus the plaintext, which the caller hands to exactly one HTTP response. */
export async function insertApiKey(db: Executor, params: NewKey) {
  const secret = issueSecret(PARTNER_KEY_PREFIX);
  const [row] = await db
    .insert(apiKeys)
    .values({
      id: newId('key'),
      organizationId: params.organizationId,
      role: params.role,
      name: params.name ?? null,
      keyHash: secret.hash,
      keyPrefix: secret.displayPrefix,
    })
    .returning();
  if (!row) throw new Error('api key insert returned no row');
  return { ...row, plaintext: secret.plaintext };
}

export async function createApiKey(db: Executor, params: NewKey & { actor: AuditActor; requestId?: string }) {
  return db.transaction(async (tx) => {
    const key = await insertApiKey(tx, params);
    await writeAudit(tx, {
      organizationId: params.organizationId,
      actor: params.actor,
      requestId: params.requestId,
      action: 'api_key.created',
      targetType: 'api_key',
      targetId: key.id,
      details: { role: key.role },
    });
    return key;
  });
}

/** Idempotent: revoking an already revoked key keeps its first revocation time. Null when no such key. */
export async function revokeApiKey(
  db: Executor,
  params: { organizationId: string; keyId: string; actor: AuditActor; requestId?: string },
) {
  return db.transaction(async (tx) => {
    const match = and(eq(apiKeys.id, params.keyId), eq(apiKeys.organizationId, params.organizationId));
    const [revoked] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(match, isNull(apiKeys.revokedAt)))
      .returning();
    if (revoked) {
      await writeAudit(tx, {
        organizationId: params.organizationId,
        actor: params.actor,
        requestId: params.requestId,
        action: 'api_key.revoked',
        targetType: 'api_key',
        targetId: revoked.id,
      });
      return revoked;
    }
    const [existing] = await tx.select().from(apiKeys).where(match).limit(1);
    return existing ?? null;
  });
}

export interface ActiveKey {
  keyId: string;
  role: Role;
  organizationId: string;
  organizationName: string;
  plan: Plan;
  settings: unknown;
}

/** Every partner request starts here, so it is plain postgres.js: prepared once per connection. */
export async function findActiveKeyByHash(db: Executor, keyHash: string): Promise<ActiveKey | null> {
  const [row] = await rawClient(db)<ActiveKey[]>`
    select k.id as "keyId", k.role, o.id as "organizationId", o.name as "organizationName", o.plan, o.settings
    from api_keys k join organizations o on o.id = k.organization_id
    where k.key_hash = ${keyHash} and k.revoked_at is null
    limit 1`;
  return row ?? null;
}

/** Conditional, so concurrent requests from several processes write at most about once a minute per key. */
export async function touchApiKeyLastUsed(db: Executor, keyId: string): Promise<void> {
  await rawClient(db)`
    update api_keys set last_used_at = now()
    where id = ${keyId} and (last_used_at is null or last_used_at < now() - interval '1 minute')`;
}
