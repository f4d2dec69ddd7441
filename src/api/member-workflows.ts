import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { MirOperation, MirUserId } from '../temporal/search-attributes';
import type { MemberAutoLinkInput } from '../workflows/member-autolink';
import type { Logger } from 'pino';
import { hasUnclaimedInvites } from '../db/queries/members';
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

/**
 * The verification is committed before its workflow starts; if Temporal could not be reached
 * then, the person's invites are still PENDING. Each later login finds them and starts the
 * auto-link again. Never fails the caller: a login does not depend on Temporal.
 */
export async function resumeMemberAutoLink(deps: AppDeps, mirUserId: string, log: Logger): Promise<void> {
  try {
    if (await hasUnclaimedInvites(deps.database.db, mirUserId)) await startMemberAutoLink(deps, mirUserId);
  } catch (err) {
    log.error({ err, mirUserId }, 'member auto-link could not be started; the next login tries again');
  }
}
