import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { MALFORMED, readCookie } from '../cookies';

/**
 * Double-submit CSRF protection for the HTML forms: a random value in an HttpOnly, SameSite=Strict
 * cookie and the same value in a hidden field of every form. Another site can make a browser post
 * a form, but it can neither read nor set this cookie, so it cannot make the two match.
 */
export const CSRF_COOKIE = 'mir_csrf';
export const CSRF_FIELD = 'csrf';
const CSRF_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const CSRF_MAX_AGE_SECONDS = 24 * 60 * 60;

function csrfCookieOf(req: Request): string | null {
  const value = readCookie(req, CSRF_COOKIE);
  return value === MALFORMED ? null : value; // a malformed %-escape: treat as absent
}

/** The browser's current value when it has a well-formed one, else a new one; (re)sets the cookie. */
export function issueCsrfToken(req: Request, res: Response, opts: { secure: boolean; path: string }): string {
  const current = csrfCookieOf(req);
  const token = current && CSRF_SHAPE.test(current) ? current : randomBytes(32).toString('base64url');
  const parts = [
    `${CSRF_COOKIE}=${token}`,
    `Path=${opts.path}`,
    `Max-Age=${CSRF_MAX_AGE_SECONDS}`,
    'SameSite=Strict',
    'HttpOnly',
  ];
  if (opts.secure) parts.push('Secure');
  res.append('Set-Cookie', parts.join('; '));
  return token;
}

/** True when the form field equals the cookie (constant-time); a cross-site post is refused outright. */
export function csrfValid(req: Request): boolean {
  if (req.get('sec-fetch-site') === 'cross-site') return false;
  const cookie = csrfCookieOf(req);
  const field: unknown = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
  if (!cookie || typeof field !== 'string' || !CSRF_SHAPE.test(cookie)) return false;
  const a = Buffer.from(cookie);
  const b = Buffer.from(field);
  return a.length === b.length && timingSafeEqual(a, b);
}
