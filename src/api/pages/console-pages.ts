import express, { type Request, type Response, Router } from 'express';
import { publicUrl } from '../../config';
import { findMemberSession } from '../../db/queries/member-sessions';
import { membershipsOf } from '../../db/queries/memberships';
import { type AccessRule, authorize } from '../../domain/authorize';
import { ApiError } from '../../domain/errors';
import { hashSecret } from '../../domain/keys';
import type { PartnerPrincipal } from '../../domain/principals';
import type { AppDeps } from '../context';
import { ORG_ID_SHAPE, memberPrincipalOf } from '../middleware/member-auth';
import { sessionTokenOf } from '../middleware/user-auth';
import { AUDIT_ACCESS } from '../routes/audit';
import { MANAGE_AGENTS } from '../routes/agents';
import { READ_MEMBERS } from '../routes/members';
import { READ_SETTINGS } from '../routes/settings';
import { APPROVERS } from '../routes/spawn-requests';
import { MANAGE_WEBHOOKS } from '../routes/webhooks';
import { consoleAgentRouter } from './console-agent-pages';
import { consoleAuditRouter } from './console-audit-pages';
import { consoleDecisionRouter } from './console-decision-pages';
import { consoleMemberRouter } from './console-member-pages';
import { consoleSettingsRouter } from './console-settings-pages';
import { consoleSpawnRouter } from './console-spawn-pages';
import { type ConsoleFrame, type ConsoleSection, consoleProblemPage, switcherPage } from './console-templates';
import { consoleWebhookRouter } from './console-webhook-pages';
import { csrfValid, issueCsrfToken } from './csrf';
import { pageErrors, pageHeaders, sendHtml } from './page-responses';

/**
 * /console: a person's pages for the organisations they are a member of. Each page acts for the
 * organisation in its URL with the principal the API builds for a session with X-MIR-Org (one
 * code path: memberPrincipalOf) and the same access rule as the API route it mirrors, so a page
 * allows exactly what the person's role allows through the API.
 */

export interface ConsoleContext {
  principal: PartnerPrincipal;
  accountId: string;
  frame: ConsoleFrame;
}

export const consoleProblem = (res: Response, status: number, title: string, text: string) =>
  sendHtml(res, status, consoleProblemPage(title, text));

/** Each section's page rule: the navigation links exactly the sections the person may open. */
const SECTION_RULES: [ConsoleSection, AccessRule][] = [
  ['spawn-requests', APPROVERS],
  ['agents', MANAGE_AGENTS],
  ['tree', MANAGE_AGENTS],
  ['audit', AUDIT_ACCESS],
  ['members', READ_MEMBERS],
  ['webhooks', MANAGE_WEBHOOKS],
  ['decisions', AUDIT_ACCESS],
  ['settings', READ_SETTINGS],
];

export function allowed(principal: PartnerPrincipal, rule: AccessRule): boolean {
  try {
    authorize(principal, rule);
    return true;
  } catch (err) {
    if (err instanceof ApiError && err.status === 403) return false;
    throw err;
  }
}

const notMember = (res: Response) =>
  consoleProblem(res, 404, 'Organisation not found', 'No organisation with that id lists you as a member.');

function sessionOf(req: Request): string | null {
  try {
    return sessionTokenOf(req);
  } catch {
    return null; // a malformed cookie is no session
  }
}

const toLogin = (req: Request, res: Response) =>
  res.redirect(303, `/account/login?next=${encodeURIComponent((req.baseUrl + req.path).replace(/\/$/, ''))}`);

export function consolePageRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.database.db;
  const secure = publicUrl(deps.config).startsWith('https:');
  router.use(pageHeaders);
  router.use(express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 10 }));
  router.use((req, res, next) => {
    if (req.method !== 'POST' || csrfValid(req)) return next();
    consoleProblem(res, 403, 'Please try again', 'This form was out of date or not from this page; nothing was done.');
  });

  /**
   * The person, their organisation and their role for a page under /console/orgs/:orgId, checked
   * against `rule`; null when the answer was already sent (login, 404, 403).
   */
  async function contextOf(req: Request, res: Response, rule: AccessRule): Promise<ConsoleContext | null> {
    const token = sessionOf(req);
    if (!token) return (toLogin(req, res), null);
    const orgId = String(req.params.orgId);
    const found = await findMemberSession(db, hashSecret(token), ORG_ID_SHAPE.test(orgId) ? orgId : null);
    if (!found) return (toLogin(req, res), null);
    const principal = memberPrincipalOf(found);
    if (!principal) return (notMember(res), null);
    try {
      authorize(principal, rule);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 403) throw err;
      return (consoleProblem(res, 403, 'Your role cannot do this', err.message), null);
    }
    const csrf = issueCsrfToken(req, res, { secure, path: '/console' });
    const org = { id: principal.organizationId, name: principal.organizationName, role: principal.role ?? '' };
    const sections = SECTION_RULES.filter(([, r]) => allowed(principal, r)).map(([s]) => s);
    return { principal, accountId: found.accountId, frame: { org, csrf, sections } };
  }

  router.get('/', async (req, res) => {
    const token = sessionOf(req);
    const found = token ? await findMemberSession(db, hashSecret(token), null) : null;
    if (!found) return toLogin(req, res);
    sendHtml(res, 200, switcherPage(await membershipsOf(db, found.accountId)));
  });

  router.use(
    '/orgs/:orgId',
    consoleSpawnRouter(deps, contextOf),
    consoleAgentRouter(deps, contextOf),
    consoleAuditRouter(deps, contextOf),
    consoleMemberRouter(deps, contextOf),
    consoleWebhookRouter(deps, contextOf),
    consoleDecisionRouter(deps, contextOf),
    consoleSettingsRouter(deps, contextOf),
  );
  router.all('/*splat', (_req, res) =>
    consoleProblem(res, 404, 'Page not found', 'There is no console page at this address.'),
  );
  router.use(pageErrors);
  return router;
}

export type ContextOf = (req: Request, res: Response, rule: AccessRule) => Promise<ConsoleContext | null>;
