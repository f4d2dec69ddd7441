import {
  allHandlersFinished,
  condition,
  log,
  patched,
  proxyActivities,
  setCurrentDetails,
  setHandler,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { SpawnDecisionOutcome } from '../activities/spawn-approval';
import {
  type SpawnApprovalState,
  type SpawnDecisionAnswer,
  type SpawnDecisionSignal,
  approveSignal,
  decideSpawnUpdate,
  rejectSignal,
  spawnApprovalStateQuery,
} from './messages';

const { decideSpawn, expireSpawn, remindSpawnApprovers } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** The approvers' reminder goes out this long before the deadline (when the deadline is further away). */
export const REMINDER_BEFORE_DEADLINE_MS = 24 * 60 * 60 * 1000;

/** Ids and a duration only: the child's key was answered by the API and only its hash is in Postgres. */
export interface SpawnApprovalInput {
  spawnRequestId: string;
  organizationId: string;
  parentAgentId: string;
  timeoutSeconds: number;
}

type Decision = SpawnDecisionSignal & {
  decision: 'approve' | 'reject';
  /** Set for a REST decision (an update): its key, person or operator, and where its answer goes. */
  keyId?: string | null;
  accountId?: string;
  operator?: string;
  answer?: SpawnDecisionAnswer;
};

/**
 * `spawn-approval:<spawnRequestId>`: waits for an `approve` or `reject` signal (operators) or a
 * `decideSpawn` update (the REST API) until the deadline, then lets an activity apply the first
 * valid decision (or the expiry): the workflow is the only writer of a spawn decision. A decision
 * by the requester is refused by the activity and the wait goes on; an update hears every outcome.
 * A day before a deadline further away than that, the approvers are reminded (if it still waits).
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
  setHandler(
    decideSpawnUpdate,
    async (request) => {
      const entry: Decision = { ...request, approver: request.operator ?? request.accountId ?? request.keyId ?? 'api' };
      queue.push(entry);
      await condition(() => entry.answer !== undefined);
      return entry.answer!;
    },
    {
      validator: (request) => {
        if (state.status === 'DONE') throw new Error(`spawn request ${input.spawnRequestId} is already decided`);
        if (request?.decision !== 'approve' && request?.decision !== 'reject') throw new Error('approve or reject');
        if (request.operator !== undefined && (typeof request.operator !== 'string' || !request.operator.trim())) {
          throw new Error('an operator decision names the operator');
        }
        if (request.accountId !== undefined && (typeof request.accountId !== 'string' || !request.accountId)) {
          throw new Error('a session decision names the account');
        }
      },
    },
  );
  setHandler(spawnApprovalStateQuery, () => state);
  const deadline = Date.now() + input.timeoutSeconds * 1000;
  const waiting = `spawn ${input.spawnRequestId} under ${input.parentAgentId}: waiting for approval by an OWNER or ADMIN of ${input.organizationId}, deadline ${new Date(deadline).toISOString()}`;
  setCurrentDetails(waiting);

  // Histories from before the reminder replay without its timer.
  let remindAt =
    patched('approver-reminder') && input.timeoutSeconds * 1000 > REMINDER_BEFORE_DEADLINE_MS
      ? deadline - REMINDER_BEFORE_DEADLINE_MS
      : null;
  for (;;) {
    const remaining = deadline - Date.now();
    if (remindAt !== null && remaining > 0 && remindAt <= Date.now()) {
      remindAt = null;
      await remindSpawnApprovers({ spawnRequestId: input.spawnRequestId });
      continue;
    }
    const wait = remindAt === null ? remaining : remindAt - Date.now();
    if (remaining <= 0 || !(await condition(() => queue.length > 0, wait))) {
      // The reminder's timer fired: remind, then wait on for the deadline.
      if (remindAt !== null && remaining > 0) continue;
      state.status = 'DECIDING';
      const expired = await expireSpawn({ spawnRequestId: input.spawnRequestId });
      return finish(state, expired, queue);
    }
    const next = queue.shift()!;
    state.status = 'DECIDING';
    setCurrentDetails(`spawn ${input.spawnRequestId}: recording the ${next.decision} of ${next.approver}`);
    const outcome = await decideSpawn({
      spawnRequestId: input.spawnRequestId,
      decision: next.decision,
      approver: next.approver,
      reason: next.reason ?? null,
      ...(next.operator !== undefined
        ? { viaAdminApi: true }
        : next.accountId !== undefined
          ? { viaSession: next.accountId }
          : next.keyId !== undefined
            ? { viaApiKey: next.keyId }
            : {}),
    });
    next.answer = outcome;
    if (outcome.status !== 'invalid_approver') return finish(state, outcome, queue);
    log.warn('ignored a spawn decision by the requester', { spawnRequestId: input.spawnRequestId });
    state.status = 'PENDING_APPROVAL';
    setCurrentDetails(waiting);
  }
}

/** Decisions still waiting hear that the first one won; the workflow ends once they have. */
async function finish(
  state: SpawnApprovalState,
  outcome: SpawnDecisionOutcome,
  queue: Decision[],
): Promise<SpawnDecisionOutcome> {
  state.status = 'DONE';
  state.outcome = outcome.status;
  setCurrentDetails(
    `spawn ${outcome.spawnRequestId}: ${outcome.status}${outcome.reason ? ` (${outcome.reason})` : ''}`,
  );
  for (const late of queue.splice(0)) late.answer = { ...outcome, alreadyDecided: true };
  await condition(allHandlersFinished);
  return outcome;
}
