import { Router } from 'express';
import { listMembers } from '../../db/queries/members';
import { decodeCursor, encodeCursor } from '../../domain/cursor';
import type { AppDeps } from '../context';
import { READ_MEMBERS } from '../routes/members';
import { type ContextOf, consoleProblem } from './console-pages';
import { consolePage, orgBase } from './console-templates';
import { sendHtml } from './link-page';
import { when } from './my-account-templates';
import { html } from './templates';

const PAGE = 50;

/** The organisation's current members and their roles, as GET /enterprise/api/members lists them. */
export function consoleMemberRouter(deps: AppDeps, contextOf: ContextOf): Router {
  const router = Router({ mergeParams: true });
  router.get('/members', async (req, res) => {
    const ctx = await contextOf(req, res, READ_MEMBERS);
    if (!ctx) return;
    const raw = req.query.cursor;
    const cursor = typeof raw === 'string' ? decodeCursor(raw) : undefined;
    if (raw !== undefined && !cursor) {
      return consoleProblem(res, 400, 'That page does not exist', 'Open the members list from its first page.');
    }
    const base = orgBase(ctx.principal.organizationId);
    const page = await listMembers(deps.database.db, ctx.principal.organizationId, {
      limit: PAGE,
      cursor: cursor ?? undefined,
    });
    const next = page.next ? encodeCursor(page.next) : null;
    const content = html`<table id="members">
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Member since</th>
            <th scope="col">Member id</th>
          </tr>
        </thead>
        <tbody>
          ${page.items.map(
            (m) =>
              html`<tr data-member="${m.id}">
                <td class="partner">${m.email}</td>
                <td>${m.role}</td>
                <td>${when(m.createdAt)}</td>
                <td>${m.id}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${next ? html`<p><a href="${base}/members?cursor=${encodeURIComponent(next)}" id="next-page">Older members</a></p>` : ''}`;
    sendHtml(res, 200, consolePage('members', 'Members', ctx.frame, content));
  });
  return router;
}
