import type { Logger } from 'pino';
import { findMirUserByEmail } from '../db/queries/accounts';
import {
  type AccountErasure,
  cancelErasure,
  hasOpenErasure,
  newestErasureOf,
  scheduleErasure,
} from '../db/queries/erasure-requests';
import { ApiError } from '../domain/errors';
import { checkPassword } from './accounts';
import type { ServiceDeps } from './deps';

type Deps = Pick<ServiceDeps, 'config' | 'database' | 'passwords' | 'logger'>;

export interface ErasureView {
  erasureId: string;
  status: AccountErasure['status'];
  requestedAt: string;
  erasesAt: string;
  cancelledAt: string | null;
}

const view = (e: AccountErasure): ErasureView => ({
  erasureId: e.id,
  status: e.status,
  requestedAt: e.requestedAt.toISOString(),
  erasesAt: e.erasesAt.toISOString(),
  cancelledAt: e.cancelledAt?.toISOString() ?? null,
});

const noErasure = () => new ApiError('not_found', 'You have not asked for your account to be erased');

/**
 * The person asks, with their password (checked and counted like a login: checkPassword), for
 * their account to be erased after MIR_ERASURE_GRACE_SECONDS. From the answer on no partner sees
 * their shared history. A second request answers the first erasure. The workflow's start is
 * queued with the erasure (the outbox), so the answer does not wait for Temporal.
 */
export async function requestErasure(
  deps: Deps,
  person: { userId: string; email: string },
  password: string,
  ip: string | undefined,
): Promise<ErasureView> {
  const account = await findMirUserByEmail(deps.database.db, person.email);
  const proof = { email: person.email, passwordHash: account?.id === person.userId ? account.passwordHash : null };
  if (!(await checkPassword(deps, proof, password, ip))) {
    throw new ApiError('invalid_credentials', 'The password is wrong');
  }
  const scheduled = await scheduleErasure(deps.database.db, {
    mirUserId: person.userId,
    graceSeconds: deps.config.MIR_ERASURE_GRACE_SECONDS,
  });
  if (!scheduled) throw new ApiError('unauthorized', 'This account no longer exists');
  return view(scheduled.erasure);
}

export async function erasureStatus(deps: Pick<Deps, 'database'>, mirUserId: string): Promise<ErasureView> {
  const erasure = await newestErasureOf(deps.database.db, mirUserId);
  if (!erasure) throw noErasure();
  return view(erasure);
}

/** DELETE /v1/me/erasure: within the grace period, cancels and restores the links. */
export async function cancelMyErasure(deps: Pick<Deps, 'database'>, mirUserId: string): Promise<ErasureView> {
  const result = await cancelErasure(deps.database.db, mirUserId);
  if (result.outcome === 'none') throw noErasure();
  if (result.outcome === 'started') throw new ApiError('invalid_state', 'The erasure has begun and cannot be cancelled');
  return view(result.erasure);
}

/**
 * A log-in during the grace period cancels the erasure (docs/data-rights.md); once it has begun
 * the account is going and the log-in is refused like a wrong password.
 */
export async function cancelErasureAtLogin(deps: Pick<Deps, 'database'>, mirUserId: string, log: Logger): Promise<void> {
  if (!(await hasOpenErasure(deps.database.db, mirUserId))) return;
  const result = await cancelErasure(deps.database.db, mirUserId);
  if (result.outcome === 'started') throw new ApiError('invalid_credentials', 'Email or password is wrong');
  if (result.outcome === 'cancelled') log.info({ erasureId: result.erasure.id }, 'erasure cancelled by logging in');
}
