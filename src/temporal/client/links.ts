import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { ConfirmOutcome } from '../../domain/links';
import type { LinkRequestInput } from '../../workflows/link-request';
import type { MemberAutoLinkInput } from '../../workflows/member-autolink';
import { type LinkRequestStatus, confirmLinkUpdate, declineLinkUpdate } from '../../workflows/messages';
import { EVERY_ORGANIZATION, MirAgentId, MirOperation, MirOrgId, MirUserId } from '../../workflows/search-attributes';
import type { LinkRequestRef } from '../../domain/links';
import { workflowIds } from '../../domain/workflow-ids';

interface LinkRequestStart extends LinkRequestRef {
  /** The agent that asked for it, when a partner key spoke as one (or an agent key asked). */
  agentId?: string | null;
}

/** One workflow per request, keyed by its id: starting it again (a retried request) is harmless. */
export async function startLinkRequest(client: Client, taskQueue: string, request: LinkRequestStart): Promise<void> {
  const input: LinkRequestInput = {
    requestId: request.id,
    organizationId: request.organizationId,
    expiresAt: request.expiresAt.toISOString(),
  };
  const operation = request.kind === 'invite' ? 'link-invite' : 'link-code';
  try {
    await client.workflow.start(request.kind === 'invite' ? 'linkInviteWorkflow' : 'linkCodeWorkflow', {
      workflowId: workflowIds.linkRequest(request),
      taskQueue,
      args: [input],
      typedSearchAttributes: [
        { key: MirOrgId, value: request.organizationId },
        { key: MirOperation, value: operation },
        // MirUserId is added by the workflow once a person confirms: nobody is known before.
        ...(request.agentId ? [{ key: MirAgentId, value: request.agentId }] : []),
      ],
      staticSummary: `Link ${request.kind} ${request.id} for ${request.organizationId}`,
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

/** The person confirms; the answer comes once the link is written (or why not). */
export function confirmLink(
  client: Client,
  request: Pick<LinkRequestRef, 'kind' | 'id'>,
  mirUserId: string,
): Promise<ConfirmOutcome> {
  return client.workflow.getHandle(workflowIds.linkRequest(request)).executeUpdate(confirmLinkUpdate, {
    args: [{ mirUserId }],
  });
}

export function declineLink(
  client: Client,
  request: { kind: 'invite' | 'code'; id: string },
): Promise<LinkRequestStatus> {
  return client.workflow.getHandle(workflowIds.linkRequest(request)).executeUpdate(declineLinkUpdate);
}

/**
 * Started after a verification commits. A later verification starts a new run under the same id
 * (ALLOW_DUPLICATE); if one is still running it will claim the same invites, so that is not an error.
 */
export async function startMemberAutoLink(client: Client, taskQueue: string, mirUserId: string): Promise<void> {
  const input: MemberAutoLinkInput = { mirUserId };
  try {
    await client.workflow.start('memberAutoLinkWorkflow', {
      workflowId: workflowIds.memberAutoLink(mirUserId),
      taskQueue,
      args: [input],
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      typedSearchAttributes: [
        { key: MirOrgId, value: EVERY_ORGANIZATION },
        { key: MirUserId, value: mirUserId },
        { key: MirOperation, value: 'member-autolink' },
      ],
      staticSummary: `Member auto-link for ${mirUserId}`,
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}
