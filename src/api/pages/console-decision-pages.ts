import { Router } from 'express';
import { decisionStats } from '../../db/queries/decision-stats';
import { DECISIONS, REASON_CODES } from '../../domain/policy/reasons';
import type { AppDeps } from '../context';
import { AUDIT_ACCESS } from '../routes/audit';
import { dailyOutcomes, outcomesChart, outcomesLegend, reasonsChart } from './console-charts';
import type { ContextOf } from './console-pages';
import { consolePage } from './console-templates';
import { sendHtml } from './page-responses';
import { when } from './my-account-templates';
import { html } from './html';

/** The window the page sums: a month of the decision log, whatever its size beyond. */
export const DECISION_DAYS = 30;
/** The most decisions one page reads (the newest of the window): its cost stays bounded. */
export const DECISION_ROWS = 20_000;
const TOP_REASONS = 8;

/** Outcomes per day and top reasons over the decision log, for whoever may read it (GET /policy/decisions' rule). */
export function consoleDecisionRouter(deps: AppDeps, contextOf: ContextOf): Router {
  const router = Router({ mergeParams: true });
  router.get('/decisions', async (req, res) => {
    const ctx = await contextOf(req, res, AUDIT_ACCESS);
    if (!ctx) return;
    const window = { days: DECISION_DAYS, topReasons: TOP_REASONS, maxRows: DECISION_ROWS };
    const stats = await decisionStats(deps.database.db, ctx.principal.organizationId, window);
    const rows = dailyOutcomes(stats, DECISION_DAYS);
    const described = (code: string) => (REASON_CODES as Record<string, string>)[code] ?? '';
    const content = html`<p class="muted">
        The last ${DECISION_DAYS} days (UTC), since ${when(stats.since)}; each decision of POST /policy/evaluate is
        counted once by its outcome.
      </p>
      ${
        stats.cappedAt
          ? html`<p class="notice" id="decisions-capped">
              More than ${DECISION_ROWS.toLocaleString('en-US')} decisions in the window: these figures count the newest
              ${DECISION_ROWS.toLocaleString('en-US')}, back to ${when(stats.cappedAt)}; earlier days are not counted
              (GET /policy/decisions lists every one).
            </p>`
          : ''
      }
      <h2>Outcomes per day</h2>
      ${outcomesLegend(rows)}
      <div>${outcomesChart(rows)}</div>
      <details>
        <summary>The figures as a table</summary>
        <table id="outcomes">
          <thead>
            <tr>
              <th scope="col">Day</th>
              ${DECISIONS.map((o) => html`<th scope="col">${o}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (r) =>
                html`<tr>
                  <th scope="row">${r.day}</th>
                  ${DECISIONS.map((o) => html`<td>${r.counted ? (r.counts[o] ?? 0) : 'not counted'}</td>`)}
                </tr>`,
            )}
          </tbody>
        </table>
      </details>
      <h2>Top reasons</h2>
      <div>${reasonsChart(stats.reasons)}</div>
      <ul id="reasons">
        ${stats.reasons.map((r) => html`<li><strong>${r.reason}</strong> (${r.n}): ${described(r.reason)}</li>`)}
      </ul>`;
    sendHtml(res, 200, consolePage('decisions', 'Decisions', ctx.frame, content));
  });
  return router;
}
