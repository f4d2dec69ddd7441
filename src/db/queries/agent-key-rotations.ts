import { and, eq, sql } from 'drizzle-orm';
import { newId } from '../../domain/ids';
import type { Executor } from '../client';
import { agentKeyRotations, agents } from '../schema';
import { type Agent, applyAgentChange, lockAgent, retireAgentKey } from './agents';
import type { AuditActor } from './audit';

export type KeyRotation = typeof agentKeyRotations.$inferSelect;

/**
 * A PENDING rotation older than this is dead: the API that asked for it has long stopped waiting
 * (its workflow times out well before), so it is never applied and no longer blocks a new one.
 */
export const KEY_ROTATION_TTL_SECONDS = 60;

const isStale = (createdAt: Date, now: Date) => now.getTime() - createdAt.getTime() > KEY_ROTATION_TTL_SECONDS * 1000;

async function dbNow(tx: Executor): Promise<Date> {
  const [row] = await tx.execute<{ now: Date | string }>(sql`select now() as now`);
  return new Date(row!.now);
}

async function lockAgentById(tx: Executor, agentId: string): Promise<Agent | null> {
  const [row] = await tx.select().from(agents).where(eq(agents.id, agentId)).for('update').limit(1);
  return row ?? null;
}

async function findRotation(tx: Executor, rotationId: string): Promise<KeyRotation | null> {
  const [row] = await tx.select().from(agentKeyRotations).where(eq(agentKeyRotations.id, rotationId)).limit(1);
  return row ?? null;
}

async function deleteRotation(tx: Executor, rotationId: string): Promise<void> {
  await tx.delete(agentKeyRotations).where(eq(agentKeyRotations.id, rotationId));
}

export type RequestRotationResult =
  | { outcome: 'requested'; rotation: KeyRotation; agent: Agent }
  | { outcome: 'not_found' }
  | { outcome: 'revoked'; agent: Agent }
  | { outcome: 'in_progress'; agent: Agent };

/**
 * Stores a PENDING rotation for version keyVersion + 1 under the agent's row lock, so two
 * requests for one agent cannot both get a version. Call it on an autocommit handle: the
 * workflow's activity runs on another connection and must see the committed row.
 */
export async function requestKeyRotation(
  db: Executor,
  params: {
    organizationId: string;
    agentId: string;
    newKeyHash: string;
    newKeyPrefix: string;
    requestedBy: AuditActor;
    requestId: string | null;
  },
): Promise<RequestRotationResult> {
  return db.transaction(async (tx) => {
    const agent = await lockAgent(tx, params.organizationId, params.agentId);
    if (!agent) return { outcome: 'not_found' as const };
    if (agent.status === 'REVOKED') return { outcome: 'revoked' as const, agent };
    const version = agent.keyVersion + 1;
    const [existing] = await tx
      .select()
      .from(agentKeyRotations)
      .where(and(eq(agentKeyRotations.agentId, agent.id), eq(agentKeyRotations.version, version)))
      .limit(1);
    if (existing) {
      if (existing.status !== 'PENDING' || !isStale(existing.createdAt, await dbNow(tx))) {
        return { outcome: 'in_progress' as const, agent };
      }
      await deleteRotation(tx, existing.id);
    }
    const [rotation] = await tx
      .insert(agentKeyRotations)
      .values({
        id: newId('rot'),
        agentId: agent.id,
        version,
        newKeyHash: params.newKeyHash,
        newKeyPrefix: params.newKeyPrefix,
        requestedBy: params.requestedBy,
        requestId: params.requestId,
      })
      .returning();
    return { outcome: 'requested' as const, rotation: rotation!, agent };
  });
}

/** What applying a rotation came to; carries ids and the display prefix only, never a key or hash. */
export type KeyRotationOutcome =
  | { status: 'applied'; rotationId: string; agentId: string; version: number; keyPrefix: string; appliedAt: string }
  | { status: 'abandoned' | 'expired' | 'agent_revoked' | 'superseded'; rotationId: string };

const applied = (r: KeyRotation): KeyRotationOutcome => ({
  status: 'applied',
  rotationId: r.id,
  agentId: r.agentId,
  version: r.version,
  keyPrefix: r.newKeyPrefix,
  appliedAt: (r.appliedAt ?? r.createdAt).toISOString(),
});

/**
 * Swaps the agent's key for the rotation's, retires the old hash and writes the audit entry,
 * all in one transaction under the agent's row lock. Idempotent: an APPLIED rotation answers
 * its original result and changes nothing. A rotation that can no longer apply is deleted.
 */
export async function applyKeyRotation(db: Executor, rotationId: string): Promise<KeyRotationOutcome> {
  return db.transaction(async (tx) => {
    const requested = await findRotation(tx, rotationId);
    if (!requested) return { status: 'abandoned' as const, rotationId };
    const agent = await lockAgentById(tx, requested.agentId);
    // Read again under the lock: the API may have abandoned it, or an earlier attempt applied it.
    const rotation = agent ? await findRotation(tx, rotationId) : null;
    if (!agent || !rotation) return { status: 'abandoned' as const, rotationId };
    if (rotation.status === 'APPLIED') return applied(rotation);
    const refuse = async (status: 'expired' | 'agent_revoked' | 'superseded') => {
      await deleteRotation(tx, rotation.id);
      return { status, rotationId };
    };
    if (isStale(rotation.createdAt, await dbNow(tx))) return refuse('expired');
    if (agent.status === 'REVOKED') return refuse('agent_revoked');
    if (agent.keyVersion !== rotation.version - 1) return refuse('superseded');
    await retireAgentKey(tx, agent);
    await applyAgentChange(
      tx,
      agent,
      { keyHash: rotation.newKeyHash, keyPrefix: rotation.newKeyPrefix, keyVersion: rotation.version },
      {
        action: 'agent.key_rotated',
        actor: rotation.requestedBy as AuditActor,
        requestId: rotation.requestId ?? undefined,
      },
    );
    const [done] = await tx
      .update(agentKeyRotations)
      .set({ status: 'APPLIED', appliedAt: sql`now()` })
      .where(eq(agentKeyRotations.id, rotation.id))
      .returning();
    return applied(done!);
  });
}

/**
 * The API stopped waiting (worker down, Temporal unreachable): under the agent's lock, either the
 * rotation already applied (the caller gets its key after all) or it is deleted, so no later
 * activity attempt can install a key nobody received.
 */
export async function abandonKeyRotation(db: Executor, rotationId: string): Promise<'applied' | 'abandoned'> {
  return db.transaction(async (tx) => {
    const requested = await findRotation(tx, rotationId);
    if (!requested) return 'abandoned' as const;
    await lockAgentById(tx, requested.agentId);
    const rotation = await findRotation(tx, rotationId);
    if (rotation?.status === 'APPLIED') return 'applied' as const;
    if (rotation) await deleteRotation(tx, rotation.id);
    return 'abandoned' as const;
  });
}
