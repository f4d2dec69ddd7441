import { randomBytes } from 'node:crypto';
import { hashSecret } from '../domain/keys';
import type { Config } from '../config';
import type { Database } from '../db/client';
import type { Passwords } from './passwords';
import { admitAttempt, emailScope, ipScope } from './throttle';

export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const EMAIL_TOKEN_TTL_MS = 48 * 60 * 60 * 1000;
export const LOGIN_FAILURE_LIMIT = 10;
export const LOGIN_WINDOW_SECONDS = 15 * 60;

/** A random opaque token for the person and its hash for the database. */
export function newOpaqueToken(prefix: string) {
  const token = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashSecret(token) };
}

/** The one count of wrong passwords per account, whichever route checked them. */
export const passwordEmailScope = (email: string) => emailScope('password', email);

/**
 * Every check of an account's password (log-in, email verification, and any later one) goes
 * through here, so they share one count per account (LOGIN_FAILURE_LIMIT) and one per client
 * address (MIR_LOGIN_FAILURES_PER_IP) per 15 minutes. The check is counted as a failure BEFORE
 * argon2 runs: a flood, however parallel, gets 429 without reaching argon2, and a right password
 * past the limit is refused too until the window ends. A right password takes its count back and
 * clears the account's; a check that never ran (argon2 overloaded, 503) is no failure either.
 * `hash` null (no such account) costs the same argon2 time and is a failure.
 */
export async function checkPassword(
  deps: { database: Database; passwords: Passwords; config: Config },
  account: { email: string; passwordHash: string | null },
  password: string,
  ip: string | undefined,
): Promise<boolean> {
  const attempt = await admitAttempt(
    deps.database.db,
    [
      { scope: passwordEmailScope(account.email), limit: LOGIN_FAILURE_LIMIT, windowSeconds: LOGIN_WINDOW_SECONDS },
      {
        scope: ipScope('password', ip),
        limit: deps.config.MIR_LOGIN_FAILURES_PER_IP,
        windowSeconds: LOGIN_WINDOW_SECONDS,
      },
    ],
    'Too many failed password checks',
  );
  const matches = await deps.passwords.matches(account.passwordHash, password).catch(async (err: unknown) => {
    await attempt.refund();
    throw err;
  });
  if (matches) {
    await attempt.refund();
    await attempt.clear(passwordEmailScope(account.email));
  }
  return matches;
}
