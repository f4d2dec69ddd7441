import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { LinkRequest } from '../db/queries/link-requests';
import { MirOperation, MirOrgId } from '../temporal/search-attributes';
import type { LinkRequestInput } from '../workflows/link-request';
import type { AppDeps } from './context';

export const linkWorkflowId = (request: Pick<LinkRequest, 'kind' | 'id'>) =>
  `${request.kind === 'invite' ? 'link-invite' : 'link-code'}:${request.id}`;

/** One workflow per request, keyed by its id: starting it again (a retried request) is harmless. */
export async function startLinkWorkflow(deps: AppDeps, request: LinkRequest): Promise<void> {
  const input: LinkRequestInput = {
    requestId: request.id,
    organizationId: request.organizationId,
    expiresAt: request.expiresAt.toISOString(),
  };
  try {
    await deps.temporal.workflow.start(request.kind === 'invite' ? 'linkInviteWorkflow' : 'linkCodeWorkflow', {
      workflowId: linkWorkflowId(request),
      taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
      args: [input],
      typedSearchAttributes: [
        { key: MirOrgId, value: request.organizationId },
        { key: MirOperation, value: request.kind === 'invite' ? 'link-invite' : 'link-code' },
      ],
      staticSummary: `Link ${request.kind} ${request.id} for ${request.organizationId}`,
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}
