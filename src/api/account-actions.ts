import type { Response } from 'express';
import { z } from 'zod';
import { publicUrl } from '../config';
import { createMirUser, createSession, findMirUserByEmail } from '../db/queries/accounts';
import { newId } from '../domain/ids';
import {
  EMAIL_TOKEN_TTL_MS,
  SESSION_TTL_MS,
  assertLoginAllowed,
  hashPassword,
  newOpaqueToken,
  passwordMatches,
  recordLoginFailure,
} from './accounts';
import type { AppDeps } from './context';
import { SESSION_COOKIE, setCookie } from './cookies';
import { resumeMemberAutoLink } from './member-workflows';
import { ApiError } from './errors';

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

/**
 * Creates the account and mails the verification token. An email that already has an account
 * gets a different mail but the caller the same answer: sign-up never tells which emails exist.
 */
export async function signUpPerson(
  deps: AppDeps,
  credentials: { email: string; password: string },
): Promise<SignedUpAccount> {
  const verification = newOpaqueToken('mir_ev_');
  const passwordHash = await hashPassword(credentials.password);
  const user = await createMirUser(deps.database.db, {
    email: credentials.email,
    passwordHash,
    tokenHash: verification.hash,
    tokenTtlMs: EMAIL_TOKEN_TTL_MS,
  });
  const base = publicUrl(deps.config);
  if (!user) {
    await deps.mailer.send({
      to: credentials.email,
      subject: 'Someone tried to sign up with your email',
      text: `Someone tried to create a MIR account with this address, which already has one. If it was you, log in with your password; if not, ignore this message.`,
    });
    return { id: newId('acct'), email: credentials.email, emailVerified: false };
  }
  await deps.mailer.send({
    to: user.email,
    subject: 'Verify your MIR email address',
    text: `Confirm your address: POST ${base}/v1/users/verify-email with {"token":"${verification.token}"}\nToken: ${verification.token}`,
  });
  return { id: user.id, email: user.email, emailVerified: false };
}

/**
 * Checks the throttle, then the password (same cost for unknown emails), opens a session and sets
 * it as the HttpOnly session cookie. Throws `too_many_attempts` or `invalid_credentials`.
 */
export async function logInPerson(
  deps: AppDeps,
  res: Response,
  credentials: { email: string; password: string; ip: string },
): Promise<{ token: string; expiresAt: Date; mirUserId: string }> {
  const db = deps.database.db;
  const { email, password, ip } = credentials;
  await assertLoginAllowed(db, email, ip);
  const user = await findMirUserByEmail(db, email);
  if (!(await passwordMatches(user?.passwordHash ?? null, password)) || !user) {
    await recordLoginFailure(db, email, ip);
    throw new ApiError('invalid_credentials', 'Email or password is wrong');
  }
  const session = newOpaqueToken('mir_sess_');
  const expiresAt = await createSession(db, { tokenHash: session.hash, mirUserId: user.id, ttlMs: SESSION_TTL_MS });
  await resumeMemberAutoLink(deps, user.id, deps.logger);
  setCookie(res, SESSION_COOKIE, session.token, {
    maxAgeSeconds: SESSION_TTL_MS / 1000,
    secure: publicUrl(deps.config).startsWith('https:'),
  });
  return { token: session.token, expiresAt, mirUserId: user.id };
}
