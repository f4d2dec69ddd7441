import type { NextFunction, Request, Response } from 'express';
import { RETRY_AFTER_SECONDS } from '../../domain/bounds';
import { ApiError } from '../../domain/errors';
import { toApiError } from '../middleware/errors';
import { type ProblemKind, problemPage } from './problems';

/** What every person-facing page answers with: its headers, its HTML, its problem pages. */

const BASE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

/** form-action also names the partner's redirect origin: Chromium applies it to the redirect after Confirm. */
export function contentSecurityPolicy(redirectUrl: string | null): string {
  let formAction = "'self'";
  if (redirectUrl) {
    try {
      const { origin } = new URL(redirectUrl);
      if (/^https?:\/\/[A-Za-z0-9.:[\]-]+$/.test(origin)) formAction += ` ${origin}`;
    } catch {
      // Validated when the invite was made; an unparsable one just is not allowed.
    }
  }
  return `${BASE_CSP}; form-action ${formAction}`;
}

export function pageHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.set({
    'Content-Security-Policy': contentSecurityPolicy(null),
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  next();
}

export function sendHtml(res: Response, status: number, body: string): void {
  res.status(status).type('html').send(body);
}

export function sendProblem(res: Response, kind: ProblemKind, backTo?: string): void {
  const page = problemPage(kind, backTo);
  // Like every 503 of the API, a page's says when to come back.
  if (page.status === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  sendHtml(res, page.status, page.html);
}

/** A throttle's 429: sets Retry-After for the page that says so. */
export function isThrottled(err: unknown, res: Response): boolean {
  if (!(err instanceof ApiError) || err.code !== 'too_many_attempts') return false;
  const retryAfter = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
  if (retryAfter !== undefined) res.set('Retry-After', String(retryAfter));
  return true;
}

/** The last handler of a page router: body-parser failures and crashes are pages too, never JSON. */
export function pageErrors(err: unknown, req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(err);
  const type = (err as { type?: string } | null)?.type;
  if (type === 'entity.too.large') return sendProblem(res, 'too_large');
  if (
    type === 'entity.parse.failed' ||
    type === 'parameters.too.many' ||
    type === 'charset.unsupported' ||
    type === 'encoding.unsupported'
  )
    return sendProblem(res, 'bad_request');
  // A bound that fired (Postgres restarting, a pool exhausted) is temporary: a 503 page with
  // Retry-After, as the JSON routes answer, never "Something went wrong".
  const mapped = toApiError(err);
  if (mapped.status === 503) {
    req.log.warn({ err, details: mapped.details }, `page unavailable: ${mapped.code}`);
    return sendProblem(res, 'busy');
  }
  req.log.error({ err }, 'page failed');
  sendProblem(res, 'internal');
}
