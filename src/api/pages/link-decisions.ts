import {
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import type { Request, Response, Router } from 'express';
import { findRequest } from '../../db/queries/link-requests';
import { ApiError } from '../../domain/errors';
import type { ConfirmOutcome } from '../../domain/links';
import { callQueuedWorkflow } from '../../services/queued-workflows';
import { confirmLink, declineLink, workflowIds } from '../../temporal/client';
import { declinedPage, linkedPage } from './invite-views';
import { type InvitePages, type InviteRow, pagePath, sessionUserOf, stateOf } from './link-invite';
import { sendHtml, sendProblem } from './page-responses';

/** The person's decision on an invite: Confirm or Decline, sent to the invite's workflow. */

const NOT_VERIFIED =
  'Verify your email address before you link: open the link in the verification mail we sent you, then reload this page.';

export function mountDecisions(router: Router, { deps, renderInvite, pendingInviteFor }: InvitePages): void {
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

  router.post('/:token/decline', async (req, res) => {
    const row = await pendingInviteFor(req, res);
    if (!row) return;
    const declined = await decide(req, res, row, () => declineLink(deps.temporal, row.request));
    if (!declined) return;
    req.log.info({ inviteId: row.request.id }, 'link invite declined on the page');
    sendHtml(res, 200, declinedPage(row.partnerName));
  });
}
