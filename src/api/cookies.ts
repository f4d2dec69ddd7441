import type { Request, Response } from 'express';
import { type Config, publicUrl } from '../config';
import { SESSION_TTL_MS } from '../services/accounts';

export const SESSION_COOKIE = 'mir_session';

/** Marks a cookie that is present but cannot be decoded (a broken %-escape): not the same as absent. */
export const MALFORMED = Symbol('malformed cookie');

export function readCookie(req: Request, name: string): string | null | typeof MALFORMED {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      return MALFORMED;
    }
  }
  return null;
}

/** HttpOnly so page scripts never see it; SameSite=Lax so other sites cannot post with it. */
export function setCookie(
  res: Response,
  name: string,
  value: string,
  opts: { maxAgeSeconds: number; secure: boolean; httpOnly?: boolean },
) {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', `Max-Age=${opts.maxAgeSeconds}`, 'SameSite=Lax'];
  if (opts.httpOnly !== false) parts.push('HttpOnly');
  if (opts.secure) parts.push('Secure');
  res.append('Set-Cookie', parts.join('; '));
}

/** The session a login opened, as the HttpOnly cookie the pages and the JSON API both read. */
export function setSessionCookie(res: Response, config: Config, token: string): void {
  setCookie(res, SESSION_COOKIE, token, {
    maxAgeSeconds: SESSION_TTL_MS / 1000,
    secure: publicUrl(config).startsWith('https:'),
  });
}
