import type { Client, ConnectionLike } from '@temporalio/client';
import { optionalTsToMs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { MIR_SEARCH_ATTRIBUTES, MirAgentId, MirOperation, MirOrgId, MirUserId } from '../../workflows/search-attributes';

/** What an operator needs to recognise a workflow, as the Temporal UI shows it. */
export interface WorkflowSummary {
  workflowId: string;
  runId: string;
  type: string;
  status: string;
  startTime: string;
  orgId: string | null;
  operation: string | null;
  agentId: string | null;
  userId: string | null;
}

/** A visibility query (the same language as the UI's filter box), newest first. */
export async function listWorkflows(client: Client, query: string, limit = 1000): Promise<WorkflowSummary[]> {
  const found: WorkflowSummary[] = [];
  for await (const w of client.workflow.list({ query })) {
    const attr = <T>(key: typeof MirOrgId) => (w.typedSearchAttributes.get(key) as T | undefined) ?? null;
    found.push({
      workflowId: w.workflowId,
      runId: w.runId,
      type: w.type,
      status: w.status.name,
      startTime: w.startTime.toISOString(),
      orgId: attr<string>(MirOrgId),
      operation: attr<string>(MirOperation),
      agentId: attr<string>(MirAgentId),
      userId: attr<string>(MirUserId),
    });
    if (found.length >= limit) break;
  }
  return found;
}

/** Quotes a value for a visibility query. */
export const visibilityValue = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * The workflow's one-line current details (what it waits for), from the SDK's built-in metadata
 * query. Null when no worker answers in time: a stuck sign in itself.
 */
export async function currentDetails(client: Client, workflowId: string, timeoutMs = 3000): Promise<string | null> {
  try {
    const metadata = await client.connection.withDeadline(Date.now() + timeoutMs, () =>
      client.workflow.getHandle(workflowId).query<{ currentDetails?: string }>('__temporal_workflow_metadata'),
    );
    return metadata?.currentDetails ?? '';
  } catch {
    return null;
  }
}

/** When the workflow last changed: its newest history event (details only change in a workflow task). */
export async function lastEventTime(client: Client, workflowId: string, runId: string): Promise<Date | null> {
  const page = await client.workflowService.getWorkflowExecutionHistoryReverse({
    namespace: client.options.namespace,
    execution: { workflowId, runId },
    maximumPageSize: 1,
  });
  const ms = optionalTsToMs(page.history?.events?.[0]?.eventTime);
  return ms === undefined ? null : new Date(ms);
}

export interface PendingActivitySummary {
  activityType: string;
  attempt: number;
  lastFailure: string | null;
}

/** Activities the workflow waits on, with their retry attempt and the last error (retries write no history). */
export async function pendingActivities(client: Client, workflowId: string): Promise<PendingActivitySummary[]> {
  const { raw } = await client.workflow.getHandle(workflowId).describe();
  return (raw.pendingActivities ?? []).map((a) => ({
    activityType: a.activityType?.name ?? '?',
    attempt: a.attempt ?? 1,
    lastFailure: a.lastFailure?.message ?? null,
  }));
}

/** A client's connection or the worker's native one: both carry the two services. */
type AnyConnection = Pick<ConnectionLike, 'workflowService' | 'operatorService'>;

/** The MIR search attributes the namespace lacks (an empty list when all are registered). */
export async function missingSearchAttributes(connection: AnyConnection, namespace: string): Promise<string[]> {
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const registered = customAttributes ?? {};
  return MIR_SEARCH_ATTRIBUTES.map((k) => k.name).filter((name) => !(name in registered));
}

/** Identities of the workers polling the task queue for workflow and for activity tasks. */
export async function taskQueuePollers(
  connection: AnyConnection,
  namespace: string,
  taskQueue: string,
): Promise<{ workflow: string[]; activity: string[] }> {
  const describe = async (taskQueueType: temporal.api.enums.v1.TaskQueueType) => {
    const res = await connection.workflowService.describeTaskQueue({
      namespace,
      taskQueue: { name: taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
      taskQueueType,
    });
    return (res.pollers ?? []).map((p) => p.identity ?? '?');
  };
  return {
    workflow: await describe(temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW),
    activity: await describe(temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY),
  };
}
