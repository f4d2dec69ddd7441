import { inArray, sql } from 'drizzle-orm';
import { newId } from '../../domain/ids';
import type { Executor } from '../client';
import { agents, auditLog } from '../schema';
import { type Agent, forgetAgentKeys } from './agents';
import type { AuditActor } from './audit';
import { recordWebhookEvent } from './webhook-events';

export type RevocableRow = Pick<Agent, 'id' | 'organizationId' | 'status' | 'statusReason' | 'keyPrefix' | 'revokedAt'>;

export interface RevocationContext {
  reason: string | null;
  actor: AuditActor;
  requestId: string | null;
  /** Set when a kill switch revokes the row with its family. */
  operation?: { id: string; rootAgentId: string };
}

/**
 * The one way an agent is revoked, alone (POST /v1/agents/:id/revoke) or in a kill switch's
 * cascade: every copy of its key hashes deleted, the row REVOKED, and one `agent.revoked` audit
 * entry of one shape. The rows must be locked and not yet revoked. An agent revoked alone is
 * reported by an `agent.revoked` webhook; a cascade by one `agent.descendants_revoked` at its end.
 */
export async function revokeAgentRows(tx: Executor, rows: RevocableRow[], ctx: RevocationContext): Promise<void> {
  if (rows.length === 0) return;
  const ids = rows.map((r) => r.id);
  await forgetAgentKeys(tx, ids);
  const revoked = await tx
    .update(agents)
    .set({
      status: 'REVOKED',
      statusReason: ctx.reason,
      keyHash: null,
      keyPrefix: null,
      revokedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(inArray(agents.id, ids))
    .returning({ id: agents.id, revokedAt: agents.revokedAt });
  const at = new Map(revoked.map((r) => [r.id, r.revokedAt]));
  await tx.insert(auditLog).values(
    rows.map((r) => ({
      id: newId('aud'),
      organizationId: r.organizationId,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      action: 'agent.revoked',
      targetType: 'agent',
      targetId: r.id,
      requestId: ctx.requestId,
      details: {
        ...(ctx.reason ? { reason: ctx.reason } : {}),
        ...(ctx.operation ? { operationId: ctx.operation.id, rootAgentId: ctx.operation.rootAgentId } : {}),
        before: { status: r.status, statusReason: r.statusReason, keyPrefix: r.keyPrefix, revokedAt: r.revokedAt },
        after: { status: 'REVOKED', statusReason: ctx.reason, keyPrefix: null, revokedAt: at.get(r.id) ?? null },
      },
    })),
  );
  if (ctx.operation) return;
  for (const r of rows) {
    await recordWebhookEvent(tx, r.organizationId, 'agent.revoked', {
      agentId: r.id,
      reason: ctx.reason,
      revokedAt: at.get(r.id)?.toISOString() ?? null,
    });
  }
}
