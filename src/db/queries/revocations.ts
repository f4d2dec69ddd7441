import { and, eq, ne, sql } from 'drizzle-orm';
import { descendantsPattern } from '../../domain/genealogy';
import { newId } from '../../domain/ids';
import type { Executor } from '../client';
import { agentRevocationOperations, agents } from '../schema';
import { lockAgent } from './agents';
import { type AuditActor, writeAudit } from './audit';

export type RevocationOperation = typeof agentRevocationOperations.$inferSelect;

export const remainingDescendants = (root: { id: string; ancestry: string }) =>
  and(sql`${agents.ancestry} like ${descendantsPattern(root)}`, ne(agents.status, 'REVOKED'));

/**
 * Pulls the kill switch: from this row's commit on, auth refuses the agent and every descendant
 * (it looks for an operation on the agent's lineage). Pulling it again on the same agent answers
 * the operation already running or done. Call it on an autocommit handle: the workflow's
 * activities and every other API process must see the row before the 202 is sent.
 */
export async function startRevocation(
  db: Executor,
  params: { organizationId: string; agentId: string; reason: string | null; actor: AuditActor; requestId: string },
): Promise<{ operation: RevocationOperation; created: boolean } | null> {
  return db.transaction(async (tx) => {
    const root = await lockAgent(tx, params.organizationId, params.agentId);
    if (!root) return null;
    const [existing] = await tx
      .select()
      .from(agentRevocationOperations)
      .where(eq(agentRevocationOperations.rootAgentId, root.id))
      .limit(1);
    if (existing) return { operation: existing, created: false };
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
        workflowId: `revoke-descendants:${root.id}:${id}`,
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
    return { operation: operation!, created: true };
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
