import { type Request, type Response, Router } from 'express';
import { publicUrl } from '../../config';
import type { Executor } from '../../db/client';
import { type MirUser, findSessionUser, revokeSession } from '../../db/queries/accounts';
import { ApiError } from '../../domain/errors';
import { hashSecret } from '../../domain/keys';
import { emailField, logInPerson, passwordField } from '../../services/account-actions';
import type { AppDeps } from '../context';
import { SESSION_COOKIE, setCookie, setSessionCookie } from '../cookies';
import { sessionTokenOf } from '../middleware/user-auth';
import { issueCsrfToken } from './csrf';
import { isThrottled, sendHtml } from './page-responses';
import { loginPage } from './my-account-templates';

/** Where a login may return to: a page of this section or of the console, nothing else (no open redirect). */
const RETURN_PATH = /^\/(account(\/[a-z-]{1,32})?|console(\/[A-Za-z0-9_-]{1,64}){0,5})$/;

/** What a page's `?notice=` may say: fixed sentences, never text from the URL. */
const NOTICES: Record<string, string> = {
  unlinked: 'Unlinked. That partner no longer sees your history, and its lookups of you are deleted.',
  left: 'You left that organisation. It no longer lists you as a member.',
  'logged-out': 'You are logged out.',
};
export const notice = (req: Request): string | undefined => NOTICES[String(req.query.notice)];

export const accountCsrf = (deps: AppDeps, req: Request, res: Response) =>
  issueCsrfToken(req, res, { secure: publicUrl(deps.config).startsWith('https:'), path: '/account' });

/** The person the browser's session (cookie or Bearer) belongs to; a malformed cookie is no session. */
export async function pageUserOf(req: Request, db: Executor): Promise<MirUser | null> {
  let token: string | null;
  try {
    token = sessionTokenOf(req);
  } catch {
    return null;
  }
  return token ? findSessionUser(db, hashSecret(token)) : null;
}

/** /account/login and /account/logout: the session the person's own pages need. */
export function sessionPageRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.database.db;
  const secure = publicUrl(deps.config).startsWith('https:');
  const csrf = (req: Request, res: Response) => accountCsrf(deps, req, res);

  router.get('/login', (req, res) => {
    const next = RETURN_PATH.test(String(req.query.next)) ? String(req.query.next) : '/account';
    sendHtml(res, 200, loginPage({ csrf: csrf(req, res), next, notice: notice(req) }));
  });

  router.post('/login', async (req, res) => {
    const next = RETURN_PATH.test(String(req.body.next)) ? String(req.body.next) : '/account';
    const form = (status: number, error: string) =>
      sendHtml(res, status, loginPage({ csrf: csrf(req, res), next, error }));
    const email = emailField.safeParse(req.body.email);
    const password = passwordField.safeParse(req.body.password);
    if (!email.success || !password.success) return form(400, 'Enter your email and password to log in.');
    try {
      const session = await logInPerson(deps, { email: email.data, password: password.data, ip: req.ip });
      setSessionCookie(res, deps.config, session.token);
    } catch (err) {
      if (isThrottled(err, res)) return form(429, (err as ApiError).message);
      if (err instanceof ApiError && err.code === 'invalid_credentials')
        return form(401, 'Email or password is wrong.');
      throw err;
    }
    res.redirect(303, next);
  });

  router.post('/logout', async (req, res) => {
    let token: string | null = null;
    try {
      token = sessionTokenOf(req);
    } catch {
      // a malformed cookie: nothing to revoke, it is cleared below
    }
    if (token) await revokeSession(db, hashSecret(token));
    setCookie(res, SESSION_COOKIE, '', { maxAgeSeconds: 0, secure });
    res.redirect(303, '/account/login?notice=logged-out');
  });

  return router;
}
