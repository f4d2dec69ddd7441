import type { Executor } from '../db/client';
import { queueWorkflowStart } from '../db/queries/workflow-starts';
import type { LinkRequestRef } from '../domain/links';

/**
 * The request's workflow, queued in the transaction that writes the request (the outbox), so the
 * partner's 201 never waits for Temporal. Queued again for a re-sent invite: an id is never run
 * twice, so that only restarts a start that was lost.
 */
export function queueLinkWorkflow(tx: Executor, request: LinkRequestRef, agentId: string | null): Promise<void> {
  return queueWorkflowStart(tx, {
    type: request.kind === 'invite' ? 'linkInviteWorkflow' : 'linkCodeWorkflow',
    args: {
      requestId: request.id,
      organizationId: request.organizationId,
      expiresAt: request.expiresAt.toISOString(),
      agentId,
    },
  });
}
