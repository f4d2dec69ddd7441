import { condition, log, proxyActivities, setCurrentDetails, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { SpawnDecisionOutcome } from '../activities/genealogy';
import {
  type SpawnApprovalState,
  type SpawnDecisionSignal,
  approveSignal,
  rejectSignal,
  spawnApprovalStateQuery,
} from './messages';

const { decideSpawn, expireSpawn } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Ids and a duration only: the child's key was answered by the API and only its hash is in Postgres. */
export interface SpawnApprovalInput {
  spawnRequestId: string;
  organizationId: string;
  parentAgentId: string;
  timeoutSeconds: number;
}

type Decision = SpawnDecisionSignal & { decision: 'approve' | 'reject' };

/**
 * `spawn-approval:<spawnRequestId>`: waits for an `approve` or `reject` signal until the
 * deadline, then lets an activity apply the first valid decision (or the expiry). A signal
 * from the requesting agent itself is refused by the activity and the wait goes on.
 */
export async function spawnApprovalWorkflow(input: SpawnApprovalInput): Promise<SpawnDecisionOutcome> {
  const queue: Decision[] = [];
  const state: SpawnApprovalState = { spawnRequestId: input.spawnRequestId, status: 'PENDING_APPROVAL', outcome: null };
  const accept = (decision: Decision['decision']) => (signal: SpawnDecisionSignal) => {
    // The CLI accepts any JSON; a decision must name who made it.
    if (typeof signal?.approver !== 'string' || signal.approver.trim() === '') {
      log.warn('ignored a spawn decision without an approver', { spawnRequestId: input.spawnRequestId });
      return;
    }
    queue.push({ ...signal, approver: signal.approver.trim(), decision });
  };
  setHandler(approveSignal, accept('approve'));
  setHandler(rejectSignal, accept('reject'));
  setHandler(spawnApprovalStateQuery, () => state);
  setCurrentDetails(`spawn ${input.spawnRequestId} under ${input.parentAgentId}: waiting for an approver`);

  const deadline = Date.now() + input.timeoutSeconds * 1000;
  for (;;) {
    const remaining = deadline - Date.now();
    if (remaining <= 0 || !(await condition(() => queue.length > 0, remaining))) {
      state.status = 'DECIDING';
      const expired = await expireSpawn({ spawnRequestId: input.spawnRequestId });
      return finish(state, expired);
    }
    const next = queue.shift()!;
    state.status = 'DECIDING';
    const outcome = await decideSpawn({
      spawnRequestId: input.spawnRequestId,
      decision: next.decision,
      approver: next.approver,
      reason: next.reason ?? null,
    });
    if (outcome.status !== 'invalid_approver') return finish(state, outcome);
    log.warn('ignored a spawn decision by the requester', { spawnRequestId: input.spawnRequestId });
    state.status = 'PENDING_APPROVAL';
  }
}

function finish(state: SpawnApprovalState, outcome: SpawnDecisionOutcome): SpawnDecisionOutcome {
  state.status = 'DONE';
  state.outcome = outcome.status;
  setCurrentDetails(`spawn ${outcome.spawnRequestId}: ${outcome.status}`);
  return outcome;
}
