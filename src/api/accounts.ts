import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { recentFailures, recordFailure } from '../db/queries/throttle';
import { hashSecret } from '../domain/keys';
import type { Executor } from '../db/client';
import { ApiError } from './errors';

export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const EMAIL_TOKEN_TTL_MS = 48 * 60 * 60 * 1000;
export const LOGIN_FAILURE_LIMIT = 10;
export const LOGIN_WINDOW_MINUTES = 15;

/** A random opaque token for the person and its hash for the database. */
export function newOpaqueToken(prefix: string) {
  const token = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashSecret(token) };
}

export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });

// Verified against for unknown emails, so both failures cost the same time.
const DUMMY_HASH = argon2.hash('not-a-real-password-for-timing', { type: argon2.argon2id });

export async function passwordMatches(hash: string | null, password: string): Promise<boolean> {
  const ok = await argon2.verify(hash ?? (await DUMMY_HASH), password).catch(() => false);
  return hash !== null && ok;
}

const loginScopes = (email: string, ip: string) => [`login:email:${hashSecret(email)}`, `login:ip:${ip}`];

export async function assertLoginAllowed(db: Executor, email: string, ip: string): Promise<void> {
  const { count, retryAfterSeconds } = await recentFailures(db, loginScopes(email, ip), LOGIN_WINDOW_MINUTES);
  if (count >= LOGIN_FAILURE_LIMIT) {
    throw new ApiError('too_many_attempts', `Too many failed logins; try again in ${retryAfterSeconds} s`, {
      retryAfterSeconds,
    });
  }
}

export const recordLoginFailure = (db: Executor, email: string, ip: string) =>
  recordFailure(db, loginScopes(email, ip));
