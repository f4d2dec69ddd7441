import { Router } from 'express';
import { AUDIT_ACTOR_TYPES, listAudit } from '../../db/queries/audit';
import { encodeCursor } from '../../domain/cursor';
import type { AppDeps } from '../context';
import { AUDIT_ACCESS, listAuditQuery } from '../routes/audit';
import type { ContextOf } from './console-pages';
import { consolePage, orgBase } from './console-templates';
import { sendHtml } from './page-responses';
import { when } from './my-account-templates';
import { html } from './html';

const FILTERS = ['action', 'actorType', 'targetId', 'from', 'to'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

/** The filters as typed, for the form and the next page's link; an empty field is no filter. */
function filtersOf(query: Record<string, unknown>): Filters {
  const out: Filters = {};
  for (const name of FILTERS) {
    const value = query[name];
    if (typeof value === 'string' && value !== '') out[name] = value;
  }
  return out;
}

const field = (name: keyof Filters, label: string, value: string | undefined, hint: string) =>
  html`<label for="audit-${name}">${label}</label>
    <input
      type="text"
      id="audit-${name}"
      name="${name}"
      value="${value ?? ''}"
      placeholder="${hint}"
      maxlength="100"
    />`;

function filterForm(base: string, f: Filters) {
  return html`<form method="get" action="${base}/audit" id="audit-filters" class="cols">
    <div>${field('action', 'Action', f.action, 'agent.* or agent.suspended')}</div>
    <div>
      <label for="audit-actorType">Actor type</label>
      <select id="audit-actorType" name="actorType">
        <option value="">any</option>
        ${AUDIT_ACTOR_TYPES.map(
          (t) => html`<option value="${t}" ${f.actorType === t ? html`selected` : ''}>${t}</option>`,
        )}
      </select>
    </div>
    <div>${field('targetId', 'Target id', f.targetId, 'agent_…, key_…')}</div>
    <div>${field('from', 'From (ISO date-time)', f.from, '2026-12-01T00:00:00Z')}</div>
    <div>${field('to', 'To (ISO date-time)', f.to, '2026-12-31T00:00:00Z')}</div>
    <div><button type="submit">Filter</button></div>
  </form>`;
}

/** The audit log with GET /v1/audit's filters, parsed by the same schema; 50 entries a page. */
export function consoleAuditRouter(deps: AppDeps, contextOf: ContextOf): Router {
  const router = Router({ mergeParams: true });
  router.get('/audit', async (req, res) => {
    const ctx = await contextOf(req, res, AUDIT_ACCESS);
    if (!ctx) return;
    const base = orgBase(ctx.principal.organizationId);
    const filters = filtersOf(req.query);
    const cursor = typeof req.query.cursor === 'string' && req.query.cursor !== '' ? req.query.cursor : undefined;
    const parsed = listAuditQuery.safeParse({ ...filters, cursor, limit: '50' });
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      const frame = { ...ctx.frame, error: `Those filters were not understood (${problems}); nothing is listed.` };
      return sendHtml(res, 400, consolePage('audit', 'Audit log', frame, filterForm(base, filters)));
    }
    const page = await listAudit(deps.database.db, ctx.principal.organizationId, parsed.data);
    const next = page.next ? new URLSearchParams({ ...filters, cursor: encodeCursor(page.next) }).toString() : null;
    const content = html`${filterForm(base, filters)}
      <table id="audit">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Action</th>
            <th scope="col">Actor</th>
            <th scope="col">Target</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          ${page.entries.map(
            (e) =>
              html`<tr data-action="${e.action}">
                <td>${when(e.createdAt)}</td>
                <td>${e.action}</td>
                <td>${e.actorType} ${e.actorId ?? ''}</td>
                <td>${e.targetType} ${e.targetId}</td>
                <td class="partner">${typeof e.details.reason === 'string' ? e.details.reason : ''}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${page.entries.length === 0 ? html`<p id="no-entries">No entries match.</p>` : ''}
      ${next ? html`<p><a href="${base}/audit?${next}" id="next-page">Older entries</a></p>` : ''}`;
    sendHtml(res, 200, consolePage('audit', 'Audit log', ctx.frame, content));
  });
  return router;
}
