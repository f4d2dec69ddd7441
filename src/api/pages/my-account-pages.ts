import { type Request, type Response, Router } from 'express';
import type { MirUser } from '../../db/queries/accounts';
import { listAccessLog } from '../../db/queries/access-log';
import { linksOfUser, unlink } from '../../db/queries/links';
import { leaveOrganization, membershipsOf } from '../../db/queries/memberships';
import { decodeCursor, encodeCursor } from '../../domain/cursor';
import { ownHistory } from '../../services/own-history';
import type { AppDeps } from '../context';
import { accountCsrf, notice, pageUserOf, sessionPageRouter } from './account-session-pages';
import { sendHtml } from './page-responses';
import {
  type AccountSection,
  accountPage,
  linksContent,
  membershipsContent,
  overviewContent,
} from './my-account-templates';
import { accessLogContent, historyContent } from './my-data-templates';
import { exportPageContent, requestExportFromPage } from './my-export-pages';
import type { SafeHtml } from './html';

const ACCESS_PAGE = 50;
const BAD_CURSOR = { status: 400, error: 'That page of the log does not exist; here are the newest lookups.' };
const NO_LINK = { status: 404, error: 'You have no link with that partner; nothing was changed.' };
const NO_MEMBERSHIP = { status: 404, error: 'You are not a member of that organisation; nothing was changed.' };

type Render = (req: Request, user: MirUser, csrf: string) => Promise<SafeHtml>;

/**
 * The person's own pages under /account (mounted inside the account router, after its headers,
 * form parsing and CSRF check of every POST): log in, then links, history, access log and
 * memberships, each read with the session like the JSON API under /v1/me.
 */
export function myAccountRouter(deps: AppDeps): Router {
  const router = Router();
  router.use(sessionPageRouter(deps));
  const db = deps.database.db;
  const csrf = (req: Request, res: Response) => accountCsrf(deps, req, res);
  const userOf = (req: Request) => pageUserOf(req, db);

  const CONTENT: Record<AccountSection, { title: string; render: Render }> = {
    overview: {
      title: 'Your MIR account',
      render: async (_req, user) => {
        const [links, memberships] = await Promise.all([linksOfUser(db, user.id), membershipsOf(db, user.id)]);
        const counts = { links: links.length, memberships: memberships.length };
        return overviewContent({ emailVerified: user.emailVerifiedAt !== null, ...counts });
      },
    },
    links: {
      title: 'Linked partners',
      render: async (_req, user, token) => linksContent(token, await linksOfUser(db, user.id)),
    },
    history: {
      title: 'Your history',
      render: async (_req, user) => historyContent(await ownHistory(db, user.id, new Date())),
    },
    'access-log': {
      title: 'Who looked you up',
      render: async (req, user) => {
        const cursor = typeof req.query.cursor === 'string' ? (decodeCursor(req.query.cursor) ?? undefined) : undefined;
        const found = await listAccessLog(db, user.id, { cursor, limit: ACCESS_PAGE });
        return accessLogContent(found, found.next ? encodeCursor(found.next) : null);
      },
    },
    memberships: {
      title: 'Your memberships',
      render: async (_req, user, token) => membershipsContent(token, await membershipsOf(db, user.id)),
    },
    export: { title: 'Export your data', render: (_req, user, token) => exportPageContent(db, user.id, token) },
  };

  type Problem = { status: number; error: string };
  async function show(req: Request, res: Response, user: MirUser, section: AccountSection, problem?: Problem) {
    const token = csrf(req, res);
    const { title, render } = CONTENT[section];
    const frame = { email: user.email, csrf: token, notice: notice(req), error: problem?.error };
    sendHtml(res, problem?.status ?? 200, accountPage(section, title, frame, await render(req, user, token)));
  }

  /** A page for a logged-in person: anyone else is sent to log in, and back here after. */
  const loggedIn =
    (handle: (req: Request, res: Response, user: MirUser) => Promise<void>) => async (req: Request, res: Response) => {
      const user = await userOf(req);
      if (!user)
        return res.redirect(
          303,
          `/account/login?next=${encodeURIComponent((req.baseUrl + req.path).replace(/\/$/, ''))}`,
        );
      await handle(req, res, user);
    };

  const PATHS: Record<AccountSection, string> = {
    overview: '/',
    links: '/links',
    history: '/history',
    'access-log': '/access-log',
    memberships: '/memberships',
    export: '/export',
  };
  for (const [section, path] of Object.entries(PATHS) as [AccountSection, string][]) {
    router.get(
      path,
      loggedIn(async (req, res, user) => {
        const cursor = req.query.cursor;
        if (section === 'access-log' && cursor !== undefined && (typeof cursor !== 'string' || !decodeCursor(cursor))) {
          return show(req, res, user, section, BAD_CURSOR);
        }
        await show(req, res, user, section);
      }),
    );
  }

  router.post(
    '/links/:partnerId/unlink',
    loggedIn(async (req, res, user) => {
      if (!(await unlink(db, user.id, String(req.params.partnerId)))) {
        return show(req, res, user, 'links', NO_LINK);
      }
      res.redirect(303, '/account/links?notice=unlinked');
    }),
  );

  router.post(
    '/memberships/:orgId/leave',
    loggedIn(async (req, res, user) => {
      if (!(await leaveOrganization(db, user.id, String(req.params.orgId)))) {
        return show(req, res, user, 'memberships', NO_MEMBERSHIP);
      }
      res.redirect(303, '/account/memberships?notice=left');
    }),
  );

  router.post(
    '/export',
    loggedIn(async (req, res, user) => {
      const problem = await requestExportFromPage(db, user.id, res);
      if (problem) return show(req, res, user, 'export', problem);
      res.redirect(303, '/account/export');
    }),
  );

  return router;
}
