import { DEFAULT_AGENT_RATE_LIMIT_PER_MINUTE } from '../../domain/agents';
import type { SpawnPolicy } from '../../domain/spawn-policy';
import { inheritFromParent } from '../../domain/spawn';
import type { Executor } from '../client';
import type { AuditActor } from './audit';
import { externalIdTaken, insertSpawnedAgent, type SpawnChild } from './spawned-agents';
import { findSpawnParent } from './spawn-parent';
import { findOrganization } from './organizations';
import { type Decider, type SpawnRequest, closeSpawnRequest, isPastDeadline, lockSpawnRequest } from './spawn-requests';

/** What deciding came to; ids only, so it can be an activity result in Temporal's history. */
export interface SpawnDecisionOutcome {
  spawnRequestId: string;
  status: SpawnRequest['status'] | 'not_found' | 'invalid_approver';
  /** True when the request had already been decided before this call (first decision wins). */
  alreadyDecided: boolean;
  childAgentId?: string;
  reason?: string | null;
}

const SYSTEM: Decider = { type: 'system', id: null, via: 'system' };

const outcomeOf = (r: SpawnRequest, alreadyDecided: boolean): SpawnDecisionOutcome => ({
  spawnRequestId: r.id,
  status: r.status,
  alreadyDecided,
  childAgentId: r.childAgentId,
  reason: r.decisionReason,
});

/** An approver is never the agent asking, nor the key that asked, alone or on an agent's behalf. */
function isRequester(request: SpawnRequest, decider: Decider): boolean {
  const requester = request.requestedBy as AuditActor & { keyId?: string | null };
  if (decider.id === null) return false;
  return [request.parentAgentId, request.childAgentId, requester.id, requester.keyId].includes(decider.id);
}

/** Re-checked at approval: the parent, its ancestors and the policy may have changed while it waited. */
async function refusalToApprove(tx: Executor, request: SpawnRequest): Promise<string | null> {
  const child = request.child as unknown as SpawnChild;
  const org = await findOrganization(tx, request.organizationId);
  const policy = org?.settings.spawnPolicy as SpawnPolicy | undefined;
  if (!policy?.enabled) return 'spawning is no longer enabled for the organization';
  if (child.spawnDepth > policy.maxDepth) return `depth ${child.spawnDepth} is now beyond maxDepth ${policy.maxDepth}`;
  const parent = await findSpawnParent(tx, request.organizationId, request.parentAgentId);
  if (!parent || parent.status !== 'ACTIVE' || parent.blockedBy || parent.killSwitched) {
    return `parent ${request.parentAgentId} or one of its ancestors is no longer ACTIVE`;
  }
  const fallback = (org?.settings.agentRateLimitPerMinute as number | undefined) ?? DEFAULT_AGENT_RATE_LIMIT_PER_MINUTE;
  const checked = inheritFromParent(
    parent,
    { ...child.config, preset: undefined, rateLimitPerMinute: child.rateLimitPerMinute },
    fallback,
  );
  if ('widened' in checked) return `the parent no longer allows: ${checked.widened.map((w) => w.field).join(', ')}`;
  if (child.agentExternalId && (await externalIdTaken(tx, request.organizationId, child.agentExternalId))) {
    return 'another agent took its agentExternalId meanwhile';
  }
  return null;
}

/**
 * Applies an approver's decision under the request's row lock: the first decision wins and any
 * later one (REST, signal, or the deadline) answers it unchanged, so REST and the workflow can
 * both call this without coordinating. Approval inserts the child with the key hash reserved
 * at request time, in the same transaction as both audit entries.
 */
export async function decideSpawnRequest(
  db: Executor,
  input: { spawnRequestId: string; decision: 'approve' | 'reject'; decider: Decider; reason: string | null },
): Promise<SpawnDecisionOutcome> {
  return db.transaction(async (tx) => {
    const request = await lockSpawnRequest(tx, input.spawnRequestId);
    const none = { spawnRequestId: input.spawnRequestId, alreadyDecided: false };
    if (!request) return { ...none, status: 'not_found' as const };
    if (request.status !== 'PENDING_APPROVAL') return outcomeOf(request, true);
    if (isRequester(request, input.decider)) return { ...none, status: 'invalid_approver' as const };
    if (await isPastDeadline(tx, request)) {
      return outcomeOf(
        await closeSpawnRequest(tx, request, 'EXPIRED', SYSTEM, 'no decision before the deadline'),
        false,
      );
    }
    if (input.decision === 'reject') {
      return outcomeOf(await closeSpawnRequest(tx, request, 'REJECTED', input.decider, input.reason), false);
    }
    const refusal = await refusalToApprove(tx, request);
    if (refusal) {
      const approver = `${input.decider.type}:${input.decider.id}`;
      const closed = await closeSpawnRequest(
        tx,
        request,
        'REJECTED',
        SYSTEM,
        `approved by ${approver}, but ${refusal}`,
      );
      return outcomeOf(closed, false);
    }
    const child = request.child as unknown as SpawnChild;
    await insertSpawnedAgent(
      tx,
      { ...child, keyHash: request.keyHash, keyPrefix: request.keyPrefix },
      {
        actor: request.requestedBy as AuditActor,
        requestId: request.requestId,
        details: { spawnRequestId: request.id, approvedBy: input.decider },
      },
    );
    return outcomeOf(await closeSpawnRequest(tx, request, 'APPROVED', input.decider, input.reason), false);
  });
}

/** The deadline passed with no decision: EXPIRED, unless a decision got there first. */
export async function expireSpawnRequest(db: Executor, spawnRequestId: string): Promise<SpawnDecisionOutcome> {
  return db.transaction(async (tx) => {
    const request = await lockSpawnRequest(tx, spawnRequestId);
    if (!request) return { spawnRequestId, status: 'not_found' as const, alreadyDecided: false };
    if (request.status !== 'PENDING_APPROVAL') return outcomeOf(request, true);
    return outcomeOf(await closeSpawnRequest(tx, request, 'EXPIRED', SYSTEM, 'no decision before the deadline'), false);
  });
}
