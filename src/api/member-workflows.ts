import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { MirOperation, MirUserId } from '../temporal/search-attributes';
import type { MemberAutoLinkInput } from '../workflows/member-autolink';
import type { AppDeps } from './context';

export const memberAutoLinkWorkflowId = (mirUserId: string) => `member-autolink:${mirUserId}`;

/**
 * Started after a verification commits. A later verification starts a new run under the same id
 * (ALLOW_DUPLICATE); if one is still running it will claim the same invites, so that is not an error.
 */
export async function startMemberAutoLink(deps: AppDeps, mirUserId: string): Promise<void> {
  const input: MemberAutoLinkInput = { mirUserId };
  try {
    await deps.temporal.workflow.start('memberAutoLinkWorkflow', {
      workflowId: memberAutoLinkWorkflowId(mirUserId),
      taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
      args: [input],
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      typedSearchAttributes: [
        { key: MirUserId, value: mirUserId },
        { key: MirOperation, value: 'member-autolink' },
      ],
      staticSummary: `Member auto-link for ${mirUserId}`,
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}
