import { and, eq, inArray, sql } from 'drizzle-orm';
import { descendantsPattern } from '../../domain/genealogy';
import { newId } from '../../domain/ids';
import type { Executor } from '../client';
import { agentRevocationOperations, agents, auditLog } from '../schema';
import { forgetAgentKeys } from './agents';
import type { Agent } from './agents';
import type { AuditActor } from './audit';
import { type RevocationOperation, remainingDescendants } from './revocations';

async function lockOperation(tx: Executor, operationId: string) {
  const [row] = await tx
    .select()
    .from(agentRevocationOperations)
    .where(eq(agentRevocationOperations.id, operationId))
    .for('update')
    .limit(1);
  if (!row) throw new Error(`revocation operation ${operationId} not found`);
  return row;
}

type Locked = Pick<Agent, 'id' | 'organizationId' | 'status' | 'keyHash' | 'keyPrefix'>;

/** Revokes locked, not yet revoked agents: key retired, row REVOKED, one audit entry each, counted. */
async function revokeLocked(tx: Executor, op: RevocationOperation, rows: Locked[]): Promise<number> {
  if (rows.length === 0) return 0;
  const ids = rows.map((r) => r.id);
  await forgetAgentKeys(tx, ids);
  const reason = op.reason ?? 'revoked with its ancestor by a kill switch';
  await tx
    .update(agents)
    .set({
      status: 'REVOKED',
      statusReason: reason,
      keyHash: null,
      keyPrefix: null,
      revokedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(inArray(agents.id, ids));
  const actor = op.requestedBy as AuditActor;
  await tx.insert(auditLog).values(
    rows.map((r) => ({
      id: newId('aud'),
      organizationId: r.organizationId,
      actorType: actor.type,
      actorId: actor.id,
      action: 'agent.revoked',
      targetType: 'agent',
      targetId: r.id,
      requestId: op.requestId,
      details: {
        reason,
        operationId: op.id,
        rootAgentId: op.rootAgentId,
        before: { status: r.status, keyPrefix: r.keyPrefix },
        after: { status: 'REVOKED', keyPrefix: null },
      },
    })),
  );
  await tx
    .update(agentRevocationOperations)
    .set({ revoked: sql`${agentRevocationOperations.revoked} + ${rows.length}` })
    .where(eq(agentRevocationOperations.id, op.id));
  return rows.length;
}

const lockedColumns = {
  id: agents.id,
  organizationId: agents.organizationId,
  status: agents.status,
  keyHash: agents.keyHash,
  keyPrefix: agents.keyPrefix,
};

/**
 * One committed chunk of a cascade. What is left to do is "descendants not yet REVOKED", so the
 * chunk needs no cursor and a retry after a crash simply picks up what did not commit: each
 * agent is revoked, and audited, exactly once. The operation row lock serialises attempts.
 */
export async function revokeDescendantsChunk(db: Executor, operationId: string, limit: number): Promise<number> {
  return db.transaction(async (tx) => {
    const op = await lockOperation(tx, operationId);
    const [root] = await tx.select().from(agents).where(eq(agents.id, op.rootAgentId)).limit(1);
    if (!root) return 0;
    const rows = await tx
      .select(lockedColumns)
      .from(agents)
      .where(remainingDescendants(root))
      .limit(limit)
      .for('update');
    return revokeLocked(tx, op, rows);
  });
}

/** Last step: the agent the switch was pulled on, then COMPLETED. Idempotent. */
export async function completeRevocation(db: Executor, operationId: string): Promise<RevocationOperation> {
  return db.transaction(async (tx) => {
    const op = await lockOperation(tx, operationId);
    if (op.status === 'COMPLETED') return op;
    const [root] = await tx
      .select({ ...lockedColumns, ancestry: agents.ancestry })
      .from(agents)
      .where(eq(agents.id, op.rootAgentId))
      .for('update');
    await revokeLocked(tx, op, root && root.status !== 'REVOKED' ? [root] : []);
    // A switch pulled on a descendant while this one ran may have revoked some of this family
    // first (each agent is revoked and audited once, by whichever came first). The family is
    // fixed once its root is switched, so what this operation reports is the family's count.
    const [family] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(agents)
      .where(
        and(
          sql`(${agents.id} = ${op.rootAgentId} or ${agents.ancestry} like ${descendantsPattern(root!)})`,
          eq(agents.status, 'REVOKED'),
          sql`${agents.revokedAt} >= ${op.createdAt.toISOString()}::timestamptz`,
        ),
      );
    const [done] = await tx
      .update(agentRevocationOperations)
      .set({
        status: 'COMPLETED',
        completedAt: sql`now()`,
        revoked: sql`greatest(${agentRevocationOperations.revoked}, least(${family!.n}, ${agentRevocationOperations.total}))`,
      })
      .where(eq(agentRevocationOperations.id, op.id))
      .returning();
    return done!;
  });
}
