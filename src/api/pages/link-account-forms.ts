import type { Router } from 'express';
import { revokeSession } from '../../db/queries/accounts';
import { ApiError } from '../../domain/errors';
import { hashSecret } from '../../domain/keys';
import { emailField, logInPerson, newPasswordField, passwordField, signUpPerson } from '../../services/account-actions';
import { resendVerification } from '../../services/email-verification';
import { SESSION_COOKIE, setCookie, setSessionCookie } from '../cookies';
import { sessionTokenOf } from '../middleware/user-auth';
import { csrfValid } from './csrf';
import { type InvitePages, pagePath, sessionUserOf } from './link-invite';
import { isThrottled, sendProblem } from './page-responses';

/** The invite page's account forms: sign up, log in, resend the verification mail, log out. */
export function mountAccountForms(router: Router, { deps, secure, renderInvite, pendingInviteFor }: InvitePages): void {
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
}
