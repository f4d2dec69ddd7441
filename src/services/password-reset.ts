import { publicUrl } from '../config';
import { findMirUserByEmail } from '../db/queries/accounts';
import { insertPasswordResetToken, passwordResetTokenUsable, resetPassword } from '../db/queries/password-reset';
import { clearScope } from '../db/queries/throttle';
import { hashSecret } from '../domain/keys';
import { newOpaqueToken, passwordEmailScope } from './accounts';
import type { ServiceDeps } from './deps';
import { ApiError } from '../domain/errors';
import { admitAttempt, emailScope, ipScope, withinQuota } from './throttle';

type Deps = Pick<ServiceDeps, 'config' | 'database' | 'logger' | 'mailer' | 'passwords'>;

export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;
/** Requests per client address per 15 minutes; past it 429 (which says nothing about any address). */
export const RESET_REQUESTS_PER_IP = 10;
/** Mails per address per hour; past it the request is answered the same and nothing is sent. */
export const RESET_MAILS_PER_ADDRESS = 3;

/**
 * Mails a single-use reset link (1 h) when the address has an account. The caller hears the same
 * for every address, and the mail goes out after the answer, so neither the answer nor its timing
 * tells whether the address has an account.
 */
export async function requestPasswordReset(deps: Deps, email: string, ip: string | undefined): Promise<void> {
  const db = deps.database.db;
  await admitAttempt(
    db,
    [{ scope: ipScope('reset', ip), limit: RESET_REQUESTS_PER_IP, windowSeconds: 15 * 60 }],
    'Too many password reset requests from this address',
  );
  const user = await findMirUserByEmail(db, email);
  if (!user) return;
  const quota = { scope: emailScope('reset-mail', email), limit: RESET_MAILS_PER_ADDRESS, windowSeconds: 60 * 60 };
  if (!(await withinQuota(db, quota))) return;
  const reset = newOpaqueToken('mir_pr_');
  await insertPasswordResetToken(db, { tokenHash: reset.hash, mirUserId: user.id, ttlMs: RESET_TOKEN_TTL_MS });
  const base = publicUrl(deps.config);
  void deps.mailer
    .send({
      to: user.email,
      subject: 'Set a new MIR password',
      text:
        `Someone (hopefully you) asked to set a new password for your MIR account. Within one hour, open\n` +
        `${base}/account/password-reset/${reset.token}\n` +
        `or: POST ${base}/v1/users/password-reset/confirm with {"token":"${reset.token}","password":"…"}\n` +
        `If it was not you, ignore this mail; your password stays as it is.\n` +
        `Token: ${reset.token}`,
    })
    .catch((err: unknown) => deps.logger.error({ err, mirUserId: user.id }, 'password reset mail not sent'));
}

/**
 * Sets the new password, ends every session, and lets the person log in at once (the account's
 * password-check count is cleared). Only a usable token reaches argon2, and each token at most
 * once at a time: the first of parallel confirms hashes, the others get 429 without hashing.
 */
export async function confirmPasswordReset(deps: Deps, token: string, password: string): Promise<void> {
  const db = deps.database.db;
  const tokenHash = hashSecret(token);
  const invalid = () => new ApiError('invalid_token', 'This password reset link is unknown, used or expired');
  if (!(await passwordResetTokenUsable(db, tokenHash))) throw invalid();
  const attempt = await admitAttempt(
    db,
    [{ scope: `reset-confirm:token:${tokenHash}`, limit: 1, windowSeconds: RESET_TOKEN_TTL_MS / 1000 }],
    'This password reset link is being used',
  );
  let user;
  try {
    user = await resetPassword(db, tokenHash, await deps.passwords.hash(password));
  } catch (err) {
    await attempt.refund(); // nothing was set (argon2 overloaded, 503): the link may be tried again
    throw err;
  }
  if (!user) throw invalid();
  // The failed guesses of whoever made the person reset no longer lock them out.
  await clearScope(db, passwordEmailScope(user.email));
}
