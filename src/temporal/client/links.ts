import type { Client } from '@temporalio/client';
import type { ConfirmOutcome, LinkRequestRef } from '../../domain/links';
import { type LinkRequestStatus, confirmLinkUpdate, declineLinkUpdate } from '../../workflows/messages';
import { workflowIds } from '../../domain/workflow-ids';

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
