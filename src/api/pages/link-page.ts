import {
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { allowedMethodsOf } from '../middleware/allowed-methods';
import { RETRY_AFTER_SECONDS } from '../../domain/bounds';
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { publicUrl } from '../../config';
import { findSessionUser, revokeSession } from '../../db/queries/accounts';
import { type LinkRequest, findRequest, findRequestBySecret } from '../../db/queries/link-requests';
import { hashSecret } from '../../domain/keys';
import type { ConfirmOutcome } from '../../domain/links';
import { confirmLink, declineLink, workflowIds } from '../../temporal/client';
import { emailField, logInPerson, newPasswordField, passwordField, signUpPerson } from '../../services/account-actions';
import type { AppDeps } from '../context';
import { SESSION_COOKIE, setCookie, setSessionCookie } from '../cookies';
import { resendVerification } from '../../services/email-verification';
import { callQueuedWorkflow } from '../../services/queued-workflows';
import { ApiError } from '../../domain/errors';
import { toApiError } from '../middleware/errors';
import { sessionTokenOf } from '../middleware/user-auth';
import { csrfValid, issueCsrfToken } from './csrf';
import { type InviteView, type ProblemKind, declinedPage, invitePage, linkedPage, problemPage } from './templates';

/**
 * The page a person opens from a partner's invite (`inviteUrl`): who asks, what linking shares,
 * log in or sign up, then Confirm or Decline. Server-rendered HTML that works without JavaScript;
 * the decision goes to the invite's workflow as an update, and its activity writes the link.
 * Mounted before the JSON body handling: its forms post application/x-www-form-urlencoded, and
 * every answer under /link, errors included, is an HTML page.
 */

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const FORM_LIMIT = '16kb';

type InviteRow = { request: LinkRequest; partnerName: string };
type InviteState = 'pending' | 'expired' | 'used';

const BASE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

/** form-action also names the partner's redirect origin: Chromium applies it to the redirect after Confirm. */
function contentSecurityPolicy(redirectUrl: string | null): string {
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

/** The invite pages and their forms, for the Allow header of a 405. */
const PAGE_METHODS = allowedMethodsOf([
  { path: '/:token', methods: ['get'] },
  ...['signup', 'login', 'confirm', 'resend-verification', 'decline', 'logout'].map((form) => ({
    path: `/:token/${form}`,
    methods: ['post'],
  })),
]);

export function sendProblem(res: Response, kind: ProblemKind, backTo?: string): void {
  const page = problemPage(kind, backTo);
  // Like every 503 of the API, a page's says when to come back.
  if (page.status === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  sendHtml(res, page.status, page.html);
}

const stateOf = (request: LinkRequest): InviteState => {
  if (request.status === 'CONFIRMED' || request.status === 'DECLINED') return 'used';
  if (request.status === 'EXPIRED' || request.expiresAt.getTime() <= Date.now()) return 'expired';
  return 'pending';
};

/** Only invite tokens open this page: a short link code's hash lives in the same table. */
async function findInvite(deps: AppDeps, token: string): Promise<InviteRow | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const row = await findRequestBySecret(deps.database.db, hashSecret(token));
  return row && row.request.kind === 'invite' ? row : null;
}

async function sessionUserOf(req: Request, deps: AppDeps) {
  let token: string | null;
  try {
    token = sessionTokenOf(req);
  } catch {
    return null; // a malformed cookie is no session
  }
  return token ? findSessionUser(deps.database.db, hashSecret(token)) : null;
}

const NOT_VERIFIED =
  'Verify your email address before you link: open the link in the verification mail we sent you, then reload this page.';

/** A throttle's 429: sets Retry-After for the page that says so. */
export function isThrottled(err: unknown, res: Response): boolean {
  if (!(err instanceof ApiError) || err.code !== 'too_many_attempts') return false;
  const retryAfter = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
  if (retryAfter !== undefined) res.set('Retry-After', String(retryAfter));
  return true;
}

const tokenOf = (req: Request) => String(req.params.token);
const pagePath = (req: Request) => `/link/${tokenOf(req)}`;

/** The invite pages, mounted at /link: paths here are relative to it. */
export function linkPageRouter(deps: AppDeps): Router {
  const secure = publicUrl(deps.config).startsWith('https:');
  const router = Router();

  /** Renders the invite page (also after a failed form), with this browser's CSRF token. */
  async function renderInvite(
    req: Request,
    res: Response,
    row: InviteRow,
    status: number,
    extra: Pick<InviteView, 'notice' | 'error'> = {},
  ): Promise<void> {
    const csrf = issueCsrfToken(req, res, { secure, path: '/link' });
    const user = await sessionUserOf(req, deps);
    res.set('Content-Security-Policy', contentSecurityPolicy(row.request.redirectUrl));
    sendHtml(
      res,
      status,
      invitePage({
        token: tokenOf(req),
        partnerName: row.partnerName,
        expiresAt: row.request.expiresAt,
        csrf,
        user: user ? { email: user.email, emailVerified: user.emailVerifiedAt !== null } : null,
        ...extra,
      }),
    );
  }

  /** The shared start of every form post: a valid CSRF token and a still-pending invite. */
  async function pendingInviteFor(req: Request, res: Response): Promise<InviteRow | null> {
    if (!csrfValid(req)) {
      sendProblem(res, 'csrf', pagePath(req));
      return null;
    }
    const row = await findInvite(deps, tokenOf(req));
    if (!row) {
      sendProblem(res, 'unknown');
      return null;
    }
    const state = stateOf(row.request);
    if (state !== 'pending') {
      sendProblem(res, state);
      return null;
    }
    return row;
  }

  /**
   * Sends the person's decision to the workflow. When Temporal refuses (the workflow already
   * finished: confirmed, declined or expired; or its validator saw it was no longer pending), the
   * database says which page to show; a still-pending invite means Temporal is unreachable.
   */
  async function decide<T>(req: Request, res: Response, row: InviteRow, send: () => Promise<T>): Promise<T | null> {
    try {
      // The invite's workflow may still be waiting in the outbox for its start.
      return await callQueuedWorkflow(deps.database.db, workflowIds.linkRequest(row.request), send);
    } catch (err) {
      const known =
        err instanceof WorkflowNotFoundError ||
        err instanceof WorkflowUpdateFailedError ||
        err instanceof ServiceError ||
        err instanceof WorkflowUpdateRPCTimeoutOrCancelledError ||
        (err instanceof ApiError && err.code === 'worker_unavailable');
      if (!known) throw err;
      const current = await findRequest(deps.database.db, row.request.id);
      const state = current ? stateOf(current) : 'used';
      if (state !== 'pending') {
        sendProblem(res, state);
        return null;
      }
      req.log.warn({ err, inviteId: row.request.id }, 'link invite decision could not reach its workflow');
      sendProblem(res, 'unavailable', pagePath(req));
      return null;
    }
  }

  router.use(pageHeaders);
  router.use(express.urlencoded({ extended: false, limit: FORM_LIMIT, parameterLimit: 20 }));

  router.get('/:token', async (req, res) => {
    const row = await findInvite(deps, tokenOf(req));
    if (!row) return sendProblem(res, 'unknown');
    const state = stateOf(row.request);
    if (state !== 'pending') return sendProblem(res, state);
    const notice =
      req.query.notice === 'signed-up'
        ? 'Account created. We sent you an email to verify your address. Log in below to continue.'
        : req.query.notice === 'logged-out'
          ? 'You are logged out.'
          : req.query.notice === 'verification-sent'
            ? 'We sent you a new verification mail. Open its link, then come back to this page.'
            : undefined;
    await renderInvite(req, res, row, 200, { notice });
  });

  router.post('/:token/signup', async (req, res) => {
    const row = await pendingInviteFor(req, res);
    if (!row) return;
    const email = emailField.safeParse(req.body.email);
    const password = newPasswordField.safeParse(req.body.password);
    if (!email.success) return renderInvite(req, res, row, 400, { error: 'Enter a valid email address to sign up.' });
    if (!password.success)
      return renderInvite(req, res, row, 400, { error: 'Choose a password of 10 to 200 characters to sign up.' });
    try {
      await signUpPerson(deps, { email: email.data, password: password.data, ip: req.ip });
    } catch (err) {
      if (!isThrottled(err, res)) throw err;
      return renderInvite(req, res, row, 429, { error: (err as ApiError).message });
    }
    res.redirect(303, `${pagePath(req)}?notice=signed-up`);
  });

  router.post('/:token/login', async (req, res) => {
    const row = await pendingInviteFor(req, res);
    if (!row) return;
    const email = emailField.safeParse(req.body.email);
    const password = passwordField.safeParse(req.body.password);
    if (!email.success || !password.success)
      return renderInvite(req, res, row, 400, { error: 'Enter your email and password to log in.' });
    try {
      const session = await logInPerson(deps, { email: email.data, password: password.data, ip: req.ip });
      setSessionCookie(res, deps.config, session.token);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (isThrottled(err, res)) return renderInvite(req, res, row, 429, { error: err.message });
      if (err.code === 'invalid_credentials')
        return renderInvite(req, res, row, 401, { error: 'Email or password is wrong.' });
      throw err;
    }
    res.redirect(303, pagePath(req));
  });

  router.post('/:token/confirm', async (req, res) => {
    const row = await pendingInviteFor(req, res);
    if (!row) return;
    const user = await sessionUserOf(req, deps);
    if (!user) return renderInvite(req, res, row, 401, { error: 'Log in or sign up first, then confirm.' });
    // Only the proven owner of an address links (the same rule as POST /v1/me/links/code).
    if (user.emailVerifiedAt === null) return renderInvite(req, res, row, 403, { error: NOT_VERIFIED });
    const outcome = await decide<ConfirmOutcome>(req, res, row, () => confirmLink(deps.temporal, row.request, user.id));
    if (!outcome) return;
    if (outcome.ok) {
      req.log.info({ inviteId: row.request.id, linkId: outcome.linkId }, 'link invite confirmed on the page');
      if (row.request.redirectUrl) return res.redirect(303, row.request.redirectUrl);
      return sendHtml(res, 200, linkedPage(row.partnerName));
    }
    if (outcome.reason === 'already_linked') return sendProblem(res, 'already_linked');
    if (outcome.reason === 'account_closing') return sendProblem(res, 'account_closing');
    if (outcome.reason === 'expired') return sendProblem(res, 'expired');
    const current = await findRequest(deps.database.db, row.request.id);
    const state = current ? stateOf(current) : 'used';
    sendProblem(res, state === 'pending' ? 'used' : state);
  });

  router.post('/:token/resend-verification', async (req, res) => {
    const row = await pendingInviteFor(req, res);
    if (!row) return;
    const user = await sessionUserOf(req, deps);
    if (!user) return renderInvite(req, res, row, 401, { error: 'Log in first.' });
    try {
      await resendVerification(deps, {
        userId: user.id,
        email: user.email,
        emailVerified: user.emailVerifiedAt !== null,
      });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (isThrottled(err, res)) return renderInvite(req, res, row, 429, { error: err.message });
      if (err.code === 'invalid_state') return res.redirect(303, pagePath(req));
      throw err;
    }
    res.redirect(303, `${pagePath(req)}?notice=verification-sent`);
  });

  router.post('/:token/decline', async (req, res) => {
    const row = await pendingInviteFor(req, res);
    if (!row) return;
    const declined = await decide(req, res, row, () => declineLink(deps.temporal, row.request));
    if (!declined) return;
    req.log.info({ inviteId: row.request.id }, 'link invite declined on the page');
    sendHtml(res, 200, declinedPage(row.partnerName));
  });

  router.post('/:token/logout', async (req, res) => {
    if (!csrfValid(req)) return sendProblem(res, 'csrf', pagePath(req));
    let token: string | null = null;
    try {
      token = sessionTokenOf(req);
    } catch {
      // a malformed cookie: nothing to revoke, it is cleared below
    }
    if (token) await revokeSession(deps.database.db, hashSecret(token));
    setCookie(res, SESSION_COOKIE, '', { maxAgeSeconds: 0, secure });
    res.redirect(303, `${pagePath(req)}?notice=logged-out`);
  });

  // Anything else under /link is a page too (and never reaches the JSON 404, which logs the path).
  router.all('/*splat', (req, res) => {
    const allowed = PAGE_METHODS(req.path);
    if (allowed.length === 0) return sendProblem(res, 'unknown');
    res.set('Allow', allowed.join(', '));
    sendProblem(res, 'method');
  });

  router.use(pageErrors);

  return router;
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
