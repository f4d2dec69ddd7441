import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { ancestorIds, descendantsPattern } from '../../domain/lineage';
import { newId } from '../../domain/ids';
import { workflowIds } from '../../domain/workflow-ids';
import type { Executor } from '../client';
import { agentRevocationOperations, agents } from '../schema';
import { lockAgent } from './agents';
import { type AuditActor, writeAudit } from './audit';
import { queueWorkflowStart } from './workflow-starts';

export type RevocationOperation = typeof agentRevocationOperations.$inferSelect;

export const remainingDescendants = (root: { id: string; ancestry: string }) =>
  and(sql`${agents.ancestry} like ${descendantsPattern(root)}`, ne(agents.status, 'REVOKED'));

/**
 * Pulls the kill switch: from this row's commit on, auth refuses the agent and every descendant
 * (it looks for an operation on the agent's lineage). Pulling it again on the same agent, or on
 * any agent below one whose switch was pulled, answers that operation, running or done: one
 * operation per family, so its counts always add up. The workflow that records the revocations is
 * queued with the row (the outbox), and again on a repeat while it runs (a run that failed starts
 * anew; one still running is left alone). Call it on an autocommit handle: every other API process
 * must see the row before the 202 is sent.
 */
export async function startRevocation(
  db: Executor,
  params: { organizationId: string; agentId: string; reason: string | null; actor: AuditActor; requestId: string },
): Promise<{ operation: RevocationOperation; created: boolean } | null> {
  return db.transaction(async (tx) => {
    const root = await lockAgent(tx, params.organizationId, params.agentId);
    if (!root) return null;
    const lineage = [root.id, ...ancestorIds(root.ancestry).reverse()];
    // One switch at a time per family, so two pulled at once on a parent and its child cannot
    // both find nothing and start overlapping operations.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`kill-switch:${lineage[lineage.length - 1]}`}))`);
    // The agent's own switch, else the nearest ancestor's: that operation already covers it.
    const covering = await tx
      .select()
      .from(agentRevocationOperations)
      .where(inArray(agentRevocationOperations.rootAgentId, lineage));
    const existing = lineage.map((id) => covering.find((op) => op.rootAgentId === id)).find((op) => op);
    if (existing) {
      if (existing.status === 'RUNNING') await queueRevocationWorkflow(tx, existing);
      return { operation: existing, created: false };
    }
    const [count] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(agents)
      .where(remainingDescendants(root));
    const id = newId('rvk');
    const [operation] = await tx
      .insert(agentRevocationOperations)
      .values({
        id,
        organizationId: root.organizationId,
        rootAgentId: root.id,
        total: count!.n + (root.status === 'REVOKED' ? 0 : 1),
        reason: params.reason,
        requestedBy: params.actor,
        requestId: params.requestId,
        workflowId: workflowIds.revokeDescendants(root.id, id),
      })
      .returning();
    await writeAudit(tx, {
      organizationId: root.organizationId,
      actor: params.actor,
      requestId: params.requestId,
      action: 'agent.revoke_descendants',
      targetType: 'agent',
      targetId: root.id,
      details: { operationId: id, total: operation!.total, ...(params.reason ? { reason: params.reason } : {}) },
    });
    await queueRevocationWorkflow(tx, operation!);
    return { operation: operation!, created: true };
  });
}

function queueRevocationWorkflow(tx: Executor, op: RevocationOperation) {
  return queueWorkflowStart(tx, {
    type: 'revokeDescendantsWorkflow',
    args: { operationId: op.id, organizationId: op.organizationId, rootAgentId: op.rootAgentId, total: op.total },
  });
}

export async function findRevocation(db: Executor, organizationId: string, operationId: string) {
  const [row] = await db
    .select()
    .from(agentRevocationOperations)
    .where(
      and(eq(agentRevocationOperations.id, operationId), eq(agentRevocationOperations.organizationId, organizationId)),
    )
    .limit(1);
  return row ?? null;
}

/** Operators only: ids are unique across organisations. */
export async function findRevocationById(db: Executor, operationId: string) {
  const [row] = await db
    .select()
    .from(agentRevocationOperations)
    .where(eq(agentRevocationOperations.id, operationId))
    .limit(1);
  return row ?? null;
}
