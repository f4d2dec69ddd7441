import { z } from 'zod';
import { publicUrl } from '../config';
import { createMirUser, createSession, findMirUserByEmail } from '../db/queries/accounts';
import { newId } from '../domain/ids';
import { EMAIL_TOKEN_TTL_MS, SESSION_TTL_MS, checkPassword, newOpaqueToken } from './accounts';
import type { AppDeps } from '../api/context';
import { verificationMail } from './email-verification';
import { resumeMemberAutoLink } from './member-workflows';
import { ApiError } from '../api/errors';
import { admitAttempt, emailScope, ipScope, withinQuota } from './throttle';

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
 * Creates the account and mails the verification token. An email that already has an account
 * gets a different mail but the caller the same answer: sign-up never tells which emails exist.
 * Counted per client address before argon2 runs (MIR_SIGNUPS_PER_IP_PER_HOUR); the owner of a
 * taken address hears of repeated attempts at most once an hour.
 */
export async function signUpPerson(
  deps: AppDeps,
  credentials: { email: string; password: string; ip: string | undefined },
): Promise<SignedUpAccount> {
  const db = deps.database.db;
  await admitAttempt(
    db,
    [{ scope: ipScope('signup', credentials.ip), limit: deps.config.MIR_SIGNUPS_PER_IP_PER_HOUR, windowSeconds: HOUR }],
    'Too many sign-ups from this address',
  );
  const verification = newOpaqueToken('mir_ev_');
  const passwordHash = await deps.passwords.hash(credentials.password);
  const user = await createMirUser(db, {
    email: credentials.email,
    passwordHash,
    tokenHash: verification.hash,
    tokenTtlMs: EMAIL_TOKEN_TTL_MS,
  });
  if (!user) {
    const notice = { scope: emailScope('signup-notice', credentials.email), limit: 1, windowSeconds: HOUR };
    if (await withinQuota(db, notice)) {
      await deps.mailer.send({
        to: credentials.email,
        subject: 'Someone tried to sign up with your email',
        text:
          `Someone tried to create a MIR account with this address, which already has one. If it was you, ` +
          `log in with your password, or set a new one at ${publicUrl(deps.config)}/account/password-reset. ` +
          `If not, ignore this message.`,
      });
    }
    return { id: newId('acct'), email: credentials.email, emailVerified: false };
  }
  await deps.mailer.send(verificationMail(deps, user.email, verification.token));
  return { id: user.id, email: user.email, emailVerified: false };
}

/**
 * Checks the password (counted before argon2 runs, and the same cost for unknown emails: see
 * checkPassword) and opens a session (the caller sets it as the HttpOnly session cookie with
 * `setSessionCookie`). Throws `too_many_attempts` or `invalid_credentials`.
 */
export async function logInPerson(
  deps: AppDeps,
  credentials: { email: string; password: string; ip: string | undefined },
): Promise<{ token: string; expiresAt: Date; mirUserId: string }> {
  const db = deps.database.db;
  const { email, password, ip } = credentials;
  const user = await findMirUserByEmail(db, email);
  const account = { email, passwordHash: user?.passwordHash ?? null };
  if (!(await checkPassword(deps, account, password, ip)) || !user) {
    throw new ApiError('invalid_credentials', 'Email or password is wrong');
  }
  const session = newOpaqueToken('mir_sess_');
  const expiresAt = await createSession(db, { tokenHash: session.hash, mirUserId: user.id, ttlMs: SESSION_TTL_MS });
  await resumeMemberAutoLink(deps, user.id, deps.logger);
  return { token: session.token, expiresAt, mirUserId: user.id };
}
