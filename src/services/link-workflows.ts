import type { LinkRequest } from '../db/queries/link-requests';
import { startLinkRequest, workflowIds } from '../temporal/client';
import type { AppDeps } from '../api/context';

export const linkWorkflowId = (request: Pick<LinkRequest, 'kind' | 'id'>) => workflowIds.linkRequest(request);

/** One workflow per request, keyed by its id: starting it again (a retried request) is harmless. */
export function startLinkWorkflow(deps: AppDeps, request: LinkRequest): Promise<void> {
  return startLinkRequest(deps.temporal, deps.config.TEMPORAL_TASK_QUEUE, request);
}
