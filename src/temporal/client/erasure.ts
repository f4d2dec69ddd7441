import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { ErasureInput, erasureWorkflow } from '../../workflows/erasure';
import { erasureChangedSignal } from '../../workflows/messages';
import { MirOperation, MirOrgId, MirUserId, NO_ORGANIZATION } from '../../workflows/search-attributes';
import { workflowIds } from '../../domain/workflow-ids';

/**
 * Starts `erasure:<accountId>`, or wakes it when it runs: signal-with-start, so a request that
 * meets a run about to end (it just found nothing open) is seen by that run or starts the next.
 * Two requests at once meet one workflow.
 */
export async function startErasure(client: Client, taskQueue: string, accountId: string): Promise<void> {
  const input: ErasureInput = { accountId };
  await client.workflow.signalWithStart<typeof erasureWorkflow, []>('erasureWorkflow', {
    workflowId: workflowIds.erasure(accountId),
    taskQueue,
    args: [input],
    signal: erasureChangedSignal,
    signalArgs: [],
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    typedSearchAttributes: [
      { key: MirOrgId, value: NO_ORGANIZATION },
      { key: MirUserId, value: accountId },
      { key: MirOperation, value: 'erasure' },
    ],
    staticSummary: `Erasure of account ${accountId}`,
  });
}

/** Wakes a waiting erasure after a cancellation; none running (it ended, or never started) is fine. */
export async function wakeErasure(client: Client, accountId: string): Promise<void> {
  try {
    await client.workflow.getHandle(workflowIds.erasure(accountId)).signal(erasureChangedSignal);
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
}
