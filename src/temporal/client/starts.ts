import {
  type Client,
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
  isGrpcServiceError,
} from '@temporalio/client';
import { WorkflowIdReusePolicy, type SearchAttributePair, type SignalDefinition } from '@temporalio/common';
import type { WorkflowStart, WorkflowStartType } from '../../domain/workflow-starts';
import type { linkInviteWorkflow } from '../../workflows/link-request';
import type { memberAutoLinkWorkflow } from '../../workflows/member-autolink';
import type { miraMeetingWorkflow } from '../../workflows/mira-meeting';
import type { revokeDescendantsWorkflow } from '../../workflows/revoke-descendants';
import type { spawnApprovalWorkflow } from '../../workflows/spawn-approval';
import type { webhookDeliveryWorkflow } from '../../workflows/webhook-delivery';
import type { dataExportWorkflow } from '../../workflows/data-export';
import type { regulationWorkflow } from '../../workflows/regulation';
import type { erasureWorkflow } from '../../workflows/erasure';
import { erasureChangedSignal } from '../../workflows/messages';
import { MIR_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { withRequestId } from '../temporal-internals';

/** What the dispatching worker adds to every start: its own task queue and config. */
export interface StartSettings {
  taskQueue: string;
  webhookRetryScheduleMs: number[];
}

/** One outbox row as the dispatcher claimed it; `id` is the start's request id. */
export interface QueuedWorkflowStart {
  id: string;
  workflowType: string;
  workflowId: string;
  args: unknown;
  searchAttributes: Record<string, string>;
  /** Signal-with-start: the signal's name, which the workflow's plan must send; null: a plain start. */
  signal: string | null;
}

type Args<T extends WorkflowStartType> = Extract<WorkflowStart, { type: T }>['args'];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
interface Plan<W extends (...args: any[]) => unknown> {
  args: Parameters<W>;
  reuse: WorkflowIdReusePolicy;
  summary: string;
  /** Sent with the start (signal-with-start): to the running workflow, or to the one it starts. */
  signal?: SignalDefinition<[]>;
}

/**
 * One typed start per workflow: its input from the row's arguments (checked against the
 * workflow's signature), whether its id may ever run again, and the UI's one-line summary. Ids
 * that name one row are never reused; a kill switch restarts only a run that failed; a member
 * auto-link runs again at a later verification.
 */
const plans = {
  spawnApprovalWorkflow: (a: Args<'spawnApprovalWorkflow'>): Plan<typeof spawnApprovalWorkflow> => ({
    // The deadline is the request's, so a start delayed by an outage waits only what is left of it.
    args: [
      {
        spawnRequestId: a.spawnRequestId,
        organizationId: a.organizationId,
        parentAgentId: a.parentAgentId,
        timeoutSeconds: Math.max(0, Math.ceil((Date.parse(a.expiresAt) - Date.now()) / 1000)),
      },
    ],
    reuse: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    summary: `Approve spawning ${a.childAgentId} under ${a.parentAgentId}`,
  }),
  revokeDescendantsWorkflow: (a: Args<'revokeDescendantsWorkflow'>): Plan<typeof revokeDescendantsWorkflow> => ({
    args: [a],
    reuse: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
    summary: `Revoke ${a.rootAgentId} and its descendants (${a.total} agents)`,
  }),
  linkInviteWorkflow: (a: Args<'linkInviteWorkflow'>) => linkPlan('invite', a),
  linkCodeWorkflow: (a: Args<'linkCodeWorkflow'>) => linkPlan('code', a),
  memberAutoLinkWorkflow: (a: Args<'memberAutoLinkWorkflow'>): Plan<typeof memberAutoLinkWorkflow> => ({
    args: [{ mirUserId: a.mirUserId }],
    reuse: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    summary: `Member auto-link for ${a.mirUserId}`,
  }),
  miraMeetingWorkflow: (a: Args<'miraMeetingWorkflow'>): Plan<typeof miraMeetingWorkflow> => ({
    args: [{ meetingId: a.meetingId, organizationId: a.organizationId, source: a.source }],
    reuse: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    summary: `Mira ${a.source === 'roleplay' ? 'roleplay session' : 'meeting'} ${a.meetingId}`,
  }),
  webhookDeliveryWorkflow: (
    a: Args<'webhookDeliveryWorkflow'>,
    s: StartSettings,
  ): Plan<typeof webhookDeliveryWorkflow> => ({
    args: [{ ...a, retryScheduleMs: s.webhookRetryScheduleMs }],
    reuse: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    summary: `Deliver ${a.eventType} to webhook ${a.endpointId}`,
  }),
  dataExportWorkflow: (a: Args<'dataExportWorkflow'>): Plan<typeof dataExportWorkflow> => ({
    args: [a],
    reuse: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    summary: `Data export ${a.exportId} for ${a.mirUserId}`,
  }),
  regulationWorkflow: (a: Args<'regulationWorkflow'>): Plan<typeof regulationWorkflow> => ({
    args: [a],
    reuse: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    summary: `${a.regulationType} regulation ${a.regulationId} for ${a.organizationId}`,
  }),
  // One id per account, run again by each new erasure: Postgres says which erasure is open.
  erasureWorkflow: (a: Args<'erasureWorkflow'>): Plan<typeof erasureWorkflow> => ({
    args: [a],
    reuse: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    summary: `Erasure of account ${a.accountId}`,
    signal: erasureChangedSignal,
  }),
} satisfies { [T in WorkflowStartType]: (args: Args<T>, settings: StartSettings) => Plan<never> };

function linkPlan(kind: 'invite' | 'code', a: Args<'linkInviteWorkflow'>): Plan<typeof linkInviteWorkflow> {
  return {
    args: [{ requestId: a.requestId, organizationId: a.organizationId, expiresAt: a.expiresAt }],
    reuse: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    summary: `Link ${kind} ${a.requestId} for ${a.organizationId}`,
  };
}

function typedSearchAttributes(byName: Record<string, string>): SearchAttributePair[] {
  return Object.entries(byName).map(([name, value]) => {
    const key = MIR_SEARCH_ATTRIBUTES.find((k) => k.name === name);
    if (!key) throw new Error(`unknown search attribute ${name}`);
    return { key, value };
  });
}

/**
 * Starts one queued workflow on the dispatcher's queue, under the row's workflow id and with the
 * row's id as the request id: a repeated start of the same row finds its run. A run already
 * there under this id (a retried request queued it twice) is as good as a start. A row with a
 * signal is a signal-with-start, whose request id the SDK draws itself: repeated after a crash,
 * it wakes the workflow once more, which its plan allows (signalOf in the domain says why).
 */
export async function startQueuedWorkflow(
  client: Client,
  settings: StartSettings,
  queued: QueuedWorkflowStart,
): Promise<'started' | 'already_started' | 'signalled'> {
  const planOf = plans[queued.workflowType as WorkflowStartType] as
    ((args: unknown, settings: StartSettings) => Plan<(...args: unknown[]) => unknown>) | undefined;
  if (!planOf) throw new Error(`no workflow type ${queued.workflowType}`);
  const plan = planOf(queued.args, settings);
  if ((plan.signal?.name ?? null) !== queued.signal) {
    throw new Error(`${queued.workflowType} does not take signal ${queued.signal ?? '(none)'} with its start`);
  }
  const options = {
    workflowId: queued.workflowId,
    taskQueue: settings.taskQueue,
    args: plan.args,
    workflowIdReusePolicy: plan.reuse,
    typedSearchAttributes: typedSearchAttributes(queued.searchAttributes),
    staticSummary: plan.summary,
  };
  if (plan.signal) {
    await client.workflow.signalWithStart(queued.workflowType, { ...options, signal: plan.signal, signalArgs: [] });
    return 'signalled';
  }
  try {
    await client.workflow.start(queued.workflowType, withRequestId(options, queued.id));
    return 'started';
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return 'already_started';
    throw err;
  }
}

/** gRPC CANCELLED, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED and UNAVAILABLE, as @grpc/grpc-js numbers them. */
const NOT_ANSWERED = [1, 4, 8, 14];

/** Temporal did not answer (down, overloaded, too slow): no start can succeed before it does. */
export function temporalUnreachable(err: unknown): boolean {
  if (!(err instanceof ServiceError)) return false;
  return !isGrpcServiceError(err.cause) || NOT_ANSWERED.includes(err.cause.code);
}
