import { randomBytes } from 'node:crypto';
import { hashSecret } from '../domain/keys';
import type { Executor } from '../db/client';
import { type Admitted, admitAttempt, emailScope, ipScope } from './throttle';

export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const EMAIL_TOKEN_TTL_MS = 48 * 60 * 60 * 1000;
export const LOGIN_FAILURE_LIMIT = 10;
export const LOGIN_WINDOW_SECONDS = 15 * 60;

/** A random opaque token for the person and its hash for the database. */
export function newOpaqueToken(prefix: string) {
  const token = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashSecret(token) };
}

export const loginEmailScope = (email: string) => emailScope('login', email);

/**
 * Counts the login as a failure before argon2 runs, per account and per client address; the
 * caller refunds it when the password was right. So at most LOGIN_FAILURE_LIMIT wrong passwords
 * per account (and MIR_LOGIN_FAILURES_PER_IP per address) per 15 minutes ever reach argon2, however many arrive at once.
 */
export const admitLogin = (
  db: Executor,
  email: string,
  ip: string | undefined,
  failuresPerIp: number,
): Promise<Admitted> =>
  admitAttempt(
    db,
    [
      { scope: loginEmailScope(email), limit: LOGIN_FAILURE_LIMIT, windowSeconds: LOGIN_WINDOW_SECONDS },
      { scope: ipScope('login', ip), limit: failuresPerIp, windowSeconds: LOGIN_WINDOW_SECONDS },
    ],
    'Too many failed logins',
  );
