import { z } from 'zod';
import { createMirUser, createSession, findMirUserByEmail } from '../db/queries/accounts';
import { newId } from '../domain/ids';
import { SESSION_TTL_MS, checkPassword, newOpaqueToken } from './accounts';
import type { ServiceDeps } from './deps';
import { enqueueMail } from '../db/queries/mail-queue';
import { cancelErasureAtLogin } from './erasure';
import { ApiError } from '../domain/errors';
import { admitAttempt, emailScope, ipScope, withinQuota } from './throttle';

type Deps = Pick<ServiceDeps, 'config' | 'database' | 'logger' | 'passwords' | 'temporal'>;

/**
 * Sign-up and log-in as the JSON API (`/v1/users/*`) and the link page both do them: one
 * implementation, so the page cannot drift from the API (throttle, mails, cookie).
 */
/** Trimmed and lower-cased, then checked; /openapi.json shows the same rule as a pattern, spaces around it allowed. */
export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email().max(254))
  .meta({ maxLength: 254, pattern: `^\\s*${z.regexes.email.source.slice(1, -1)}\\s*$` });
export const newPasswordField = z.string().min(10).max(200);
export const passwordField = z.string().min(1).max(200);

export interface SignedUpAccount {
  id: string;
  email: string;
  emailVerified: false;
}

const HOUR = 60 * 60;

/**
 * Creates the account and queues its verification mail in the same transaction; a taken address
 * queues a different mail, and the caller gets the same answer: sign-up never tells which emails
 * exist. Both mails go out after the answer (from the mail queue, which survives a crash), so
 * neither its timing nor an SMTP outage tells them apart either.
 * Counted per client address before argon2 runs (MIR_SIGNUPS_PER_IP_PER_HOUR); the owner of a
 * taken address hears of repeated attempts at most once an hour.
 */
export async function signUpPerson(
  deps: Deps,
  credentials: { email: string; password: string; ip: string | undefined },
): Promise<SignedUpAccount> {
  const db = deps.database.db;
  await admitAttempt(
    db,
    [{ scope: ipScope('signup', credentials.ip), limit: deps.config.MIR_SIGNUPS_PER_IP_PER_HOUR, windowSeconds: HOUR }],
    'Too many sign-ups from this address',
  );
  const passwordHash = await deps.passwords.hash(credentials.password);
  const created = await createMirUser(db, { email: credentials.email, passwordHash });
  if (created) {
    return { id: created.user.id, email: created.user.email, emailVerified: false };
  }
  const notice = { scope: emailScope('signup-notice', credentials.email), limit: 1, windowSeconds: HOUR };
  if (await withinQuota(db, notice)) {
    await enqueueMail(db, { kind: 'signup-taken', toEmail: credentials.email });
  }
  return { id: newId('acct'), email: credentials.email, emailVerified: false };
}

/**
 * Checks the password (counted before argon2 runs, and the same cost for unknown emails: see
 * checkPassword) and opens a session (the caller sets it as the HttpOnly session cookie with
 * `setSessionCookie`). Throws `too_many_attempts` or `invalid_credentials`.
 */
export async function logInPerson(
  deps: Deps,
  credentials: { email: string; password: string; ip: string | undefined },
): Promise<{ token: string; expiresAt: Date; mirUserId: string }> {
  const db = deps.database.db;
  const { email, password, ip } = credentials;
  const user = await findMirUserByEmail(db, email);
  const account = { email, passwordHash: user?.passwordHash ?? null };
  if (!(await checkPassword(deps, account, password, ip)) || !user) {
    throw new ApiError('invalid_credentials', 'Email or password is wrong');
  }
  // Logging in during an erasure's grace period cancels it (docs/data-rights.md).
  await cancelErasureAtLogin(deps, user.id, deps.logger);
  const session = newOpaqueToken('mir_sess_');
  const expiresAt = await createSession(db, { tokenHash: session.hash, mirUserId: user.id, ttlMs: SESSION_TTL_MS });
  return { token: session.token, expiresAt, mirUserId: user.id };
}
