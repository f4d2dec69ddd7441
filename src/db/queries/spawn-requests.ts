import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { Cursor } from '../../domain/cursor';
import type { SpawnRequestStatus } from '../../domain/spawn-policy';
import { type Executor, rawClient } from '../client';
import { agentSpawnRequests } from '../schema';
import type { AuditActor } from './audit';
import { writeAudit } from './audit';
import type { SpawnChild } from './spawned-agents';
import { queueApprovalRequestedMails } from './approver-mails';
import { enqueueWebhookEvent, recordWebhookEvent } from './webhook-events';
import { queueWorkflowStart } from './workflow-starts';

export type SpawnRequest = typeof agentSpawnRequests.$inferSelect;
export type Decider = AuditActor & { via: 'api' | 'session' | 'admin_api' | 'temporal_signal' | 'system' };

export async function insertSpawnRequest(
  tx: Executor,
  values: {
    id: string;
    child: SpawnChild;
    keyHash: string | null;
    keyPrefix: string | null;
    approvalReasons: string[];
    /** The agent or key asking; keyId too when a partner key asked as one of its agents. */
    requestedBy: AuditActor & { keyId?: string | null };
    requestId: string | null;
    workflowId: string;
    expiresAt: Date;
    /** The endpoints subscribed to agent.spawn.requested, read earlier in the transaction. */
    endpointIds: string[];
  },
): Promise<void> {
  const organizationId = values.child.organizationId;
  const { child } = values;
  // All sent before the first await, on the transaction's connection: one round trip, and the
  // caller may send its COMMIT right behind them. Prepared once per connection. The approval
  // workflow's start commits with the request (the outbox), so a pending request always has one.
  await Promise.all([
    rawClient(tx)`
      insert into agent_spawn_requests (id, organization_id, parent_agent_id, child_agent_id, child, key_hash,
        key_prefix, approval_reasons, requested_by, request_id, workflow_id, expires_at)
      values (${values.id}, ${organizationId}, ${child.parentId}, ${child.id}, ${JSON.stringify(child)}::jsonb,
        ${values.keyHash}, ${values.keyPrefix}, ${JSON.stringify(values.approvalReasons)}::jsonb,
        ${JSON.stringify(values.requestedBy)}::jsonb, ${values.requestId ?? null}, ${values.workflowId},
        ${values.expiresAt.toISOString()}::timestamptz)`,
    // Its approvers' mails commit with it (the mail queue), and are sent once it has.
    queueApprovalRequestedMails(tx, values.id, organizationId),
    writeAudit(tx, {
      organizationId,
      actor: { type: values.requestedBy.type, id: values.requestedBy.id },
      requestId: values.requestId,
      action: 'agent.spawn_requested',
      targetType: 'agent_spawn_request',
      targetId: values.id,
      details: {
        parentId: values.child.parentId,
        childAgentId: values.child.id,
        approvalReasons: values.approvalReasons,
        ...(values.requestedBy.keyId ? { requestedByKeyId: values.requestedBy.keyId } : {}),
      },
    }),
    // What an approver needs to decide, without polling GET /v1/agents/spawn-requests.
    enqueueWebhookEvent(
      tx,
      organizationId,
      'agent.spawn.requested',
      {
        spawnRequestId: values.id,
        parentAgentId: values.child.parentId,
        childAgentId: values.child.id,
        childName: values.child.name,
        requestedPermissions: values.child.config.permissions,
        approvalReasons: values.approvalReasons,
        requestedBy: { type: values.requestedBy.type, id: values.requestedBy.id },
        expiresAt: values.expiresAt.toISOString(),
      },
      values.endpointIds,
    ),
    queueWorkflowStart(tx, {
      type: 'spawnApprovalWorkflow',
      args: {
        spawnRequestId: values.id,
        organizationId,
        parentAgentId: child.parentId,
        childAgentId: child.id,
        expiresAt: values.expiresAt.toISOString(),
      },
    }),
  ]);
}

export async function findSpawnRequest(db: Executor, organizationId: string, id: string) {
  const [row] = await db
    .select()
    .from(agentSpawnRequests)
    .where(and(eq(agentSpawnRequests.id, id), eq(agentSpawnRequests.organizationId, organizationId)))
    .limit(1);
  return row ?? null;
}

/** Operators only: ids are unique across organisations. */
export async function findSpawnRequestById(db: Executor, id: string) {
  const [row] = await db.select().from(agentSpawnRequests).where(eq(agentSpawnRequests.id, id)).limit(1);
  return row ?? null;
}

export async function lockSpawnRequest(tx: Executor, id: string) {
  const [row] = await tx.select().from(agentSpawnRequests).where(eq(agentSpawnRequests.id, id)).for('update').limit(1);
  return row ?? null;
}

/**
 * Operators list across organisations: a null organisation means every one. `decided` keeps every
 * status but PENDING_APPROVAL; `cursor` continues after the row it names, compared at that row's
 * own microseconds (a cursor carries milliseconds only).
 */
export async function listSpawnRequests(
  db: Executor,
  organizationId: string | null,
  filter: { status?: SpawnRequestStatus; decided?: boolean; limit: number; cursor?: Cursor },
) {
  const t = agentSpawnRequests;
  const after = filter.cursor
    ? sql`(${t.createdAt}, ${t.id}) < (coalesce((select s.created_at from agent_spawn_requests s
        where s.id = ${filter.cursor.id}), ${filter.cursor.at.toISOString()}::timestamptz), ${filter.cursor.id})`
    : undefined;
  return db
    .select()
    .from(agentSpawnRequests)
    .where(
      and(
        organizationId === null ? undefined : eq(agentSpawnRequests.organizationId, organizationId),
        filter.status ? eq(agentSpawnRequests.status, filter.status) : undefined,
        filter.decided ? ne(agentSpawnRequests.status, 'PENDING_APPROVAL') : undefined,
        after,
      ),
    )
    .orderBy(desc(agentSpawnRequests.createdAt), desc(agentSpawnRequests.id))
    .limit(filter.limit);
}

/** Only on the failure path of agent-key auth: tells a pending child's key apart from a wrong one. */
export async function findSpawnRequestByKeyHash(db: Executor, keyHash: string) {
  const [row] = await db
    .select({ id: agentSpawnRequests.id, status: agentSpawnRequests.status })
    .from(agentSpawnRequests)
    .where(eq(agentSpawnRequests.keyHash, keyHash))
    .limit(1);
  return row ?? null;
}

/** Moves a locked PENDING request to its final state with the audit entry naming who decided. */
export async function closeSpawnRequest(
  tx: Executor,
  request: SpawnRequest,
  status: Exclude<SpawnRequestStatus, 'PENDING_APPROVAL'>,
  decider: Decider,
  reason: string | null,
): Promise<SpawnRequest> {
  const [row] = await tx
    .update(agentSpawnRequests)
    // An approved request's key now belongs to the agent: the hash lives in one place only.
    .set({
      status,
      decidedBy: decider,
      decisionReason: reason,
      decidedAt: sql`now()`,
      ...(status === 'APPROVED' ? { keyHash: null } : {}),
    })
    .where(eq(agentSpawnRequests.id, request.id))
    .returning();
  await writeAudit(tx, {
    organizationId: request.organizationId,
    actor: { type: decider.type, id: decider.id },
    requestId: request.requestId,
    action: `agent.spawn_${status.toLowerCase()}`,
    targetType: 'agent_spawn_request',
    targetId: request.id,
    details: {
      parentId: request.parentAgentId,
      childAgentId: request.childAgentId,
      decidedVia: decider.via,
      ...(reason ? { reason } : {}),
    },
  });
  await recordWebhookEvent(tx, request.organizationId, 'agent.spawn.decided', {
    spawnRequestId: request.id,
    parentAgentId: request.parentAgentId,
    childAgentId: request.childAgentId,
    status,
    decidedBy: { type: decider.type, id: decider.id, via: decider.via },
    reason,
    decidedAt: row!.decidedAt?.toISOString() ?? null,
  });
  return row!;
}

export async function isPastDeadline(tx: Executor, request: SpawnRequest): Promise<boolean> {
  const [row] = await tx.execute<{ past: boolean }>(
    sql`select now() >= ${request.expiresAt.toISOString()}::timestamptz as past`,
  );
  return row!.past;
}
