import { and, eq, sql } from 'drizzle-orm';
import { descendantsPattern } from '../../domain/lineage';
import type { Executor } from '../client';
import { agentRevocationOperations, agents } from '../schema';
import { type RevocableRow, revokeAgentRows } from './agent-revocation';
import type { AuditActor } from './audit';
import { type RevocationOperation, remainingDescendants } from './revocations';
import { recordWebhookEvent } from './webhook-events';

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

/** Revokes locked, not yet revoked agents (one query and audit shape with a single revoke), counted. */
async function revokeLocked(tx: Executor, op: RevocationOperation, rows: RevocableRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  await revokeAgentRows(tx, rows, {
    reason: op.reason ?? 'revoked with its ancestor by a kill switch',
    actor: op.requestedBy as AuditActor,
    requestId: op.requestId,
    operation: { id: op.id, rootAgentId: op.rootAgentId },
  });
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
  statusReason: agents.statusReason,
  keyPrefix: agents.keyPrefix,
  revokedAt: agents.revokedAt,
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
    await recordWebhookEvent(tx, done!.organizationId, 'agent.descendants_revoked', {
      operationId: done!.id,
      rootAgentId: done!.rootAgentId,
      total: done!.total,
      revoked: done!.revoked,
      reason: done!.reason,
      completedAt: done!.completedAt?.toISOString() ?? null,
    });
    return done!;
  });
}

/** What the operation has recorded so far, for the workflow's progress line. */
export async function revokedSoFar(db: Executor, operationId: string): Promise<number> {
  const [row] = await db
    .select({ revoked: agentRevocationOperations.revoked })
    .from(agentRevocationOperations)
    .where(eq(agentRevocationOperations.id, operationId));
  return row?.revoked ?? 0;
}
