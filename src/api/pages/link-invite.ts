import type { Request, Response } from 'express';
import { publicUrl } from '../../config';
import { findSessionUser } from '../../db/queries/accounts';
import { type LinkRequest, findRequestBySecret } from '../../db/queries/link-requests';
import { hashSecret } from '../../domain/keys';
import type { AppDeps } from '../context';
import { sessionTokenOf } from '../middleware/user-auth';
import { csrfValid, issueCsrfToken } from './csrf';
import { type InviteView, invitePage } from './invite-views';
import { contentSecurityPolicy, sendHtml, sendProblem } from './page-responses';

/** The invite a /link page is about, and what every handler of those pages shares. */

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export type InviteRow = { request: LinkRequest; partnerName: string };
type InviteState = 'pending' | 'expired' | 'used';

export const stateOf = (request: LinkRequest): InviteState => {
  if (request.status === 'CONFIRMED' || request.status === 'DECLINED') return 'used';
  if (request.status === 'EXPIRED' || request.expiresAt.getTime() <= Date.now()) return 'expired';
  return 'pending';
};

/** Only invite tokens open this page: a short link code's hash lives in the same table. */
export async function findInvite(deps: AppDeps, token: string): Promise<InviteRow | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const row = await findRequestBySecret(deps.database.db, hashSecret(token));
  return row && row.request.kind === 'invite' ? row : null;
}

export async function sessionUserOf(req: Request, deps: AppDeps) {
  let token: string | null;
  try {
    token = sessionTokenOf(req);
  } catch {
    return null; // a malformed cookie is no session
  }
  return token ? findSessionUser(deps.database.db, hashSecret(token)) : null;
}

export const tokenOf = (req: Request) => String(req.params.token);
export const pagePath = (req: Request) => `/link/${tokenOf(req)}`;

export interface InvitePages {
  deps: AppDeps;
  secure: boolean;
  renderInvite(
    req: Request,
    res: Response,
    row: InviteRow,
    status: number,
    extra?: Pick<InviteView, 'notice' | 'error'>,
  ): Promise<void>;
  pendingInviteFor(req: Request, res: Response): Promise<InviteRow | null>;
}

export function invitePages(deps: AppDeps): InvitePages {
  const secure = publicUrl(deps.config).startsWith('https:');

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

  return { deps, secure, renderInvite, pendingInviteFor };
}
