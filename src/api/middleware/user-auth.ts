import type { Request } from 'express';
import { findSessionUser } from '../../db/queries/accounts';
import { hashSecret } from '../../domain/keys';
import type { AppDeps } from '../context';
import type { UserPrincipal } from '../../domain/principals';
import { MALFORMED, SESSION_COOKIE, readCookie } from '../cookies';
import { ApiError } from '../../domain/errors';

/** What newOpaqueToken issues: a prefix and 32 random bytes in base64url. No real session is longer. */
export const SESSION_TOKEN_SHAPE = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * The session token from `Authorization: Bearer` (API clients) or the HttpOnly cookie (the browser),
 * and which of them carried it. A cookie that cannot be a session (bad %-escape, odd characters,
 * absurd length) is 401, not a lookup.
 */
export function sessionCredentialOf(req: Request): { token: string; via: 'bearer' | 'cookie' } | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
  if (bearer) return { token: bearer, via: 'bearer' };
  const cookie = readCookie(req, SESSION_COOKIE);
  if (cookie === null) return null;
  if (cookie === MALFORMED || !SESSION_TOKEN_SHAPE.test(cookie)) {
    throw new ApiError('unauthorized', 'Malformed session cookie; log in again');
  }
  return { token: cookie, via: 'cookie' };
}

export const sessionTokenOf = (req: Request): string | null => sessionCredentialOf(req)?.token ?? null;

export async function authenticateUser(req: Request, deps: AppDeps): Promise<UserPrincipal> {
  const token = sessionTokenOf(req);
  if (!token) throw new ApiError('unauthorized', 'Log in first: send the session token as a Bearer token or cookie');
  const user = await findSessionUser(deps.database.db, hashSecret(token));
  if (!user) throw new ApiError('unauthorized', 'Session expired or logged out; log in again');
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    emailVerified: user.emailVerifiedAt !== null,
    sessionHash: hashSecret(token),
  };
}
