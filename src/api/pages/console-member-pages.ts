import { type Request, type Response, Router } from 'express';
import { listMemberInvites, listMembers } from '../../db/queries/members';
import { decodeCursor, encodeCursor } from '../../domain/cursor';
import { ApiError } from '../../domain/errors';
import { MAX_IMPORT_EMAILS, importMemberEmails } from '../../services/member-import';
import type { AppDeps } from '../context';
import { auditActorOf } from '../present/agents';
import { MANAGE_MEMBERS, READ_MEMBERS } from '../routes/members';
import { type ConsoleContext, type ContextOf, allowed, consoleProblem } from './console-pages';
import { type ImportFields, importForm, invitesTable, membersTable } from './console-member-templates';
import { consolePage, orgBase } from './console-templates';
import { sendHtml } from './page-responses';
import { html } from './html';

const PAGE = 50;
const FIELDS = ['admins', 'analysts', 'members'] as const;
/** A count in the notice after an import: digits only, so the URL can never put words on the page. */
const COUNT = /^\d{1,4}$/;

const cursorOf = (raw: unknown) => (typeof raw === 'string' ? decodeCursor(raw) : undefined);

/**
 * The members (as GET /enterprise/api/members lists them), the invites still waiting (as GET
 * /enterprise/api/members/invites?status=PENDING), and for OWNER and ADMIN the import form, which
 * goes through the API's import (importMemberEmails) with source "console".
 */
export function consoleMemberRouter(deps: AppDeps, contextOf: ContextOf): Router {
  const router = Router({ mergeParams: true });
  const db = deps.database.db;

  async function show(
    req: Request,
    res: Response,
    ctx: ConsoleContext,
    refused?: { status: number; error: string; typed: ImportFields },
  ) {
    const [cursor, inviteCursor] = [cursorOf(req.query.cursor), cursorOf(req.query.invites)];
    if (cursor === null || inviteCursor === null) {
      return consoleProblem(res, 400, 'That page does not exist', 'Open the members list from its first page.');
    }
    const org = ctx.principal.organizationId;
    const base = orgBase(org);
    const [members, invites] = await Promise.all([
      listMembers(db, org, { limit: PAGE, cursor }),
      listMemberInvites(db, org, { limit: PAGE, cursor: inviteCursor, status: 'PENDING' }),
    ]);
    const next = (c: { at: Date; id: string } | null) => (c ? encodeCursor(c) : null);
    const { imported, linked, skipped } = req.query;
    const counts = [imported, linked, skipped].every((n) => typeof n === 'string' && COUNT.test(n));
    const notice = counts ? `Invited ${imported}; ${linked} of them joined at once; ${skipped} skipped.` : undefined;
    const content = html`${membersTable(base, members.items, next(members.next))}
    ${invitesTable(base, invites.items, next(invites.next))}
    ${allowed(ctx.principal, MANAGE_MEMBERS) ? importForm(base, ctx.frame.csrf, refused?.typed) : ''}`;
    const frame = { ...ctx.frame, notice, error: refused?.error };
    sendHtml(res, refused?.status ?? 200, consolePage('members', 'Members', frame, content));
  }

  router.get('/members', async (req, res) => {
    const ctx = await contextOf(req, res, READ_MEMBERS);
    if (ctx) await show(req, res, ctx);
  });

  router.post('/members/import', async (req, res) => {
    const ctx = await contextOf(req, res, MANAGE_MEMBERS);
    if (!ctx) return;
    const form = (req.body ?? {}) as Record<string, unknown>;
    const typed: ImportFields = {};
    for (const name of FIELDS) {
      const value = form[name];
      if (value !== undefined && typeof value !== 'string') {
        return consoleProblem(res, 400, 'That form was not understood', 'Each list is sent once; nothing was done.');
      }
      if (value) typed[name] = value;
    }
    const lists = Object.fromEntries(
      FIELDS.map((f) => [f, (typed[f] ?? '').split(/[\s,;]+/).filter((e) => e !== '')]),
    ) as Record<(typeof FIELDS)[number], string[]>;
    const refuse = (error: string) => show(req, res, ctx, { status: 400, error, typed });
    if (Object.values(lists).every((l) => l.length === 0))
      return refuse('Give at least one address; nothing was done.');
    try {
      const results = await importMemberEmails(db, {
        organizationId: ctx.principal.organizationId,
        body: lists,
        importSource: 'console',
        actor: auditActorOf(ctx.principal),
        requestId: req.id,
        strict: true,
      });
      if (results.invalid > 0) {
        // Quoted as JSON: an address with control bytes is shown with them escaped.
        const bad = results.errors.map((e) => JSON.stringify(e.email.slice(0, 100))).join(', ');
        return refuse(`Not an email address: ${bad}. Nobody was invited; correct the list and send it again.`);
      }
      const query = new URLSearchParams({
        imported: String(results.imported),
        linked: String(results.autoLinked),
        skipped: String(results.alreadyImported),
      });
      res.redirect(303, `${orgBase(ctx.principal.organizationId)}/members?${query}`);
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== 'too_many_emails') throw err;
      return refuse(`At most ${MAX_IMPORT_EMAILS} addresses at a time; nothing was done.`);
    }
  });
  return router;
}
