import type { Request } from 'express';
import { findSessionUser } from '../../db/queries/accounts';
import { hashSecret } from '../../domain/keys';
import type { AppDeps, UserPrincipal } from '../context';
import { SESSION_COOKIE, readCookie } from '../cookies';
import { ApiError } from '../errors';

/** The session token from `Authorization: Bearer` (API clients) or the HttpOnly cookie (the browser). */
export function sessionTokenOf(req: Request): string | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
  return bearer ?? readCookie(req, SESSION_COOKIE);
}

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
