import type { LinkRequestRef } from '../domain/links';
import { startLinkRequest } from '../temporal/client';
import type { ServiceDeps } from './deps';

type Deps = Pick<ServiceDeps, 'config' | 'temporal'>;

/** One workflow per request, keyed by its id: starting it again (a retried request) is harmless. */
export function startLinkWorkflow(deps: Deps, request: LinkRequestRef, agentId: string | null = null): Promise<void> {
  return startLinkRequest(deps.temporal, deps.config.TEMPORAL_TASK_QUEUE, { ...request, agentId });
}
