import {
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import type { ServiceDeps } from './deps';
import { ApiError } from '../domain/errors';
import { type Agent, findAgent } from '../db/queries/agents';
import { type SpawnRequest, findSpawnRequest } from '../db/queries/spawn-requests';
import { decideSpawn } from '../temporal/client';
import { callQueuedWorkflow } from './queued-workflows';

type Deps = Pick<ServiceDeps, 'database' | 'temporal'>;

/** Who decides: a partner key or a person's session (REST), or an operator with the admin token who names themself. */
export type SpawnDecider = { keyId: string | null } | { accountId: string } | { operator: string };

const requestOf = (decider: SpawnDecider) =>
  'operator' in decider
    ? { keyId: null, operator: decider.operator }
    : 'accountId' in decider
      ? { keyId: null, accountId: decider.accountId }
      : { keyId: decider.keyId };

/** Null when the workflow has ended (decided or expired): the row then says what happened. */
async function decideThroughWorkflow(
  deps: Deps,
  request: SpawnRequest,
  decision: 'approve' | 'reject',
  decider: SpawnDecider,
  reason: string | undefined,
) {
  try {
    return await callQueuedWorkflow(deps.database.db, request.workflowId, () =>
      decideSpawn(deps.temporal, request.workflowId, {
        decision,
        ...requestOf(decider),
        ...(reason ? { reason } : {}),
      }),
    );
  } catch (err) {
    if (err instanceof WorkflowNotFoundError || err instanceof WorkflowUpdateFailedError) return null;
    if (err instanceof ServiceError || err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
      throw new ApiError('worker_unavailable', 'The approval workflow could not be reached; nothing was decided', {
        workflowId: request.workflowId,
      });
    }
    throw err;
  }
}

/**
 * The one path of a spawn decision over HTTP, for partner keys and operators alike: the approval
 * workflow decides (its only writer) and answers once the decision is recorded; this answers the
 * request as it now is, or why the decision did not take.
 */
export async function decidePendingSpawn(
  deps: Deps,
  pending: SpawnRequest,
  decision: 'approve' | 'reject',
  decider: SpawnDecider,
  reason?: string,
): Promise<{ request: SpawnRequest; agent: Agent | null }> {
  const db = deps.database.db;
  const outcome = await decideThroughWorkflow(deps, pending, decision, decider, reason);
  if (outcome?.status === 'invalid_approver') {
    throw new ApiError('forbidden', 'Whoever requested this spawn (agent, key or person) cannot decide it');
  }
  const request = (await findSpawnRequest(db, pending.organizationId, pending.id))!;
  const wanted = decision === 'approve' ? 'APPROVED' : 'REJECTED';
  if (!outcome || outcome.alreadyDecided || outcome.status !== wanted) {
    throw new ApiError('invalid_state', `Spawn request ${pending.id} is ${request.status}`, {
      status: request.status,
      reason: request.decisionReason,
    });
  }
  const agent = decision === 'approve' ? await findAgent(db, pending.organizationId, request.childAgentId) : null;
  return { request, agent };
}
