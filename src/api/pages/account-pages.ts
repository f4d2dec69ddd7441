import express, { type Request, type Response, Router } from 'express';
import { publicUrl } from '../../config';
import { emailField, newPasswordField, passwordField } from '../../services/account-actions';
import type { AppDeps } from '../context';
import { verifyEmail } from '../../services/email-verification';
import { ApiError } from '../../domain/errors';
import { sessionTokenOf } from '../middleware/user-auth';
import { confirmPasswordReset, requestPasswordReset } from '../../services/password-reset';
import {
  badAccountLinkPage,
  resetDonePage,
  resetFormPage,
  resetRequestPage,
  resetRequestedPage,
  verifiedPage,
  verifyFormPage,
} from './account-templates';
import { csrfValid, issueCsrfToken } from './csrf';
import { myAccountRouter } from './my-account-pages';
import { hashSecret } from '../../domain/keys';
import { isThrottled, pageErrors, pageHeaders, sendHtml, sendProblem } from './page-responses';

/**
 * /account: the password reset pages (request a mail, set the new password from its link) and the
 * page the verification mail links to. Opening a mailed link changes nothing (mail scanners open
 * links too); the person's own form post (CSRF-protected like the invite page) does.
 */
const RESET_TOKEN = /^mir_pr_[A-Za-z0-9_-]{43}$/;
const VERIFY_TOKEN = /^mir_ev_[A-Za-z0-9_-]{43}$/;

export function accountPageRouter(deps: AppDeps): Router {
  const secure = publicUrl(deps.config).startsWith('https:');
  const router = Router();
  const csrf = (req: Request, res: Response) => issueCsrfToken(req, res, { secure, path: '/account' });
  const tokenOf = (req: Request) => String(req.params.token);

  router.use(pageHeaders);
  router.use(express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 10 }));
  router.use((req, res, next) => {
    if (req.method === 'POST' && !csrfValid(req)) return sendProblem(res, 'csrf');
    next();
  });

  router.get('/password-reset', (req, res) => sendHtml(res, 200, resetRequestPage({ csrf: csrf(req, res) })));

  router.post('/password-reset', async (req, res) => {
    const email = emailField.safeParse(req.body.email);
    if (!email.success) {
      return sendHtml(res, 400, resetRequestPage({ csrf: csrf(req, res), error: 'Enter a valid email address.' }));
    }
    try {
      await requestPasswordReset(deps, email.data, req.ip);
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== 'too_many_attempts') throw err;
      const retryAfter = (err.details as { retryAfterSeconds?: number }).retryAfterSeconds;
      res.set('Retry-After', String(retryAfter));
      return sendHtml(res, 429, resetRequestPage({ csrf: csrf(req, res), error: err.message }));
    }
    sendHtml(res, 200, resetRequestedPage());
  });

  router.get('/password-reset/:token', (req, res) => {
    if (!RESET_TOKEN.test(tokenOf(req))) return sendHtml(res, 404, badAccountLinkPage());
    sendHtml(res, 200, resetFormPage({ token: tokenOf(req), csrf: csrf(req, res) }));
  });

  router.post('/password-reset/:token', async (req, res) => {
    const token = tokenOf(req);
    if (!RESET_TOKEN.test(token)) return sendHtml(res, 404, badAccountLinkPage());
    const password = newPasswordField.safeParse(req.body.password);
    if (!password.success) {
      const error = 'Choose a password of 10 to 200 characters.';
      return sendHtml(res, 400, resetFormPage({ token, csrf: csrf(req, res), error }));
    }
    try {
      await confirmPasswordReset(deps, token, password.data);
    } catch (err) {
      if (isThrottled(err, res)) {
        return sendHtml(res, 429, resetFormPage({ token, csrf: csrf(req, res), error: (err as ApiError).message }));
      }
      if (!(err instanceof ApiError) || err.code !== 'invalid_token') throw err;
      return sendHtml(res, 410, badAccountLinkPage());
    }
    sendHtml(res, 200, resetDonePage());
  });

  router.get('/verify-email/:token', (req, res) => {
    if (!VERIFY_TOKEN.test(tokenOf(req))) return sendHtml(res, 404, badAccountLinkPage());
    sendHtml(res, 200, verifyFormPage({ token: tokenOf(req), csrf: csrf(req, res) }));
  });

  router.post('/verify-email/:token', async (req, res) => {
    if (!VERIFY_TOKEN.test(tokenOf(req))) return sendHtml(res, 404, badAccountLinkPage());
    let session: string | null = null;
    try {
      session = sessionTokenOf(req);
    } catch {
      // a malformed cookie is no session: every session of the account ends
    }
    const form = (status: number, error: string) =>
      sendHtml(res, status, verifyFormPage({ token: tokenOf(req), csrf: csrf(req, res), error }));
    // Empty is no password (a session may prove the account); otherwise as the API takes it.
    const typed = req.body.password === '' ? undefined : passwordField.optional().safeParse(req.body.password);
    if (typed && !typed.success) return form(400, 'Enter your password (at most 200 characters).');
    const proof = { sessionHash: session ? hashSecret(session) : null, password: typed?.data, ip: req.ip };
    let user;
    try {
      user = await verifyEmail(deps, tokenOf(req), proof);
    } catch (err) {
      if (isThrottled(err, res)) return form(429, (err as ApiError).message);
      if (!(err instanceof ApiError) || err.code !== 'invalid_credentials') throw err;
      return form(401, err.message);
    }
    if (!user) return sendHtml(res, 410, badAccountLinkPage());
    sendHtml(res, 200, verifiedPage(user.email));
  });

  // The logged-in person's own pages (links, history, access log, memberships) and their login.
  router.use(myAccountRouter(deps));
  router.all('/*splat', (_req, res) => sendHtml(res, 404, badAccountLinkPage()));
  router.use(pageErrors);
  return router;
}
