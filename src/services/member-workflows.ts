import { startMemberAutoLink as startAutoLink } from '../temporal/client';
import type { Logger } from 'pino';
import { hasUnclaimedInvites } from '../db/queries/members';
import type { ServiceDeps } from './deps';

type Deps = Pick<ServiceDeps, 'config' | 'database' | 'temporal'>;

/** Started after a verification commits; see the client function for the reuse policy. */
export function startMemberAutoLink(deps: Deps, mirUserId: string): Promise<void> {
  return startAutoLink(deps.temporal, deps.config.TEMPORAL_TASK_QUEUE, mirUserId);
}

/**
 * The verification is committed before its workflow starts; if Temporal could not be reached
 * then, the person's invites are still PENDING. Each later login finds them and starts the
 * auto-link again. Never fails the caller: a login does not depend on Temporal.
 */
export async function resumeMemberAutoLink(deps: Deps, mirUserId: string, log: Logger): Promise<void> {
  try {
    if (await hasUnclaimedInvites(deps.database.db, mirUserId)) await startMemberAutoLink(deps, mirUserId);
  } catch (err) {
    log.error({ err, mirUserId }, 'member auto-link could not be started; the next login tries again');
  }
}
