import express, { Router } from 'express';
import type { AppDeps } from '../context';
import { allowedMethodsOf } from '../middleware/allowed-methods';
import { mountAccountForms } from './link-account-forms';
import { mountDecisions } from './link-decisions';
import { findInvite, invitePages, stateOf, tokenOf } from './link-invite';
import { pageErrors, pageHeaders, sendProblem } from './page-responses';

/**
 * The page a person opens from a partner's invite (`inviteUrl`): who asks, what linking shares,
 * log in or sign up, then Confirm or Decline. Server-rendered HTML that works without JavaScript;
 * the decision goes to the invite's workflow as an update, and its activity writes the link.
 * Mounted before the JSON body handling: its forms post application/x-www-form-urlencoded, and
 * every answer under /link, errors included, is an HTML page.
 */

const FORM_LIMIT = '16kb';

/** The invite pages and their forms, for the Allow header of a 405. */
const PAGE_METHODS = allowedMethodsOf([
  { path: '/:token', methods: ['get'] },
  ...['signup', 'login', 'confirm', 'resend-verification', 'decline', 'logout'].map((form) => ({
    path: `/:token/${form}`,
    methods: ['post'],
  })),
]);

/** The invite pages, mounted at /link: paths here are relative to it. */
export function linkPageRouter(deps: AppDeps): Router {
  const pages = invitePages(deps);
  const router = Router();

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
    await pages.renderInvite(req, res, row, 200, { notice });
  });

  mountAccountForms(router, pages);
  mountDecisions(router, pages);

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
