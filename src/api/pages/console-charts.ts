import type { DecisionStats } from '../../db/queries/decision-stats';
import { DECISIONS } from '../../domain/policy/reasons';
import { html } from './html';

/**
 * The decisions page's charts as server-rendered SVG (no script under the pages' CSP): outcomes
 * per UTC day as stacked bars, and the top reasons as horizontal bars. Every figure is also text
 * (a tooltip per bar, the legend's totals, the table below), so nothing is told by colour alone.
 */

export const OUTCOME_COLOURS: Record<string, string> = {
  allow: '#1e7d3a',
  limit: '#1f5fd1',
  step_up: '#a15c00',
  deny: '#b3261e',
};
const BAR = 22;
const LEFT = 44;
const HEIGHT = 180;

/**
 * The window's days in order, each with its count per outcome (zero when none); a day before the
 * oldest decision read (when the window held more than was read) is not `counted`.
 */
export function dailyOutcomes(stats: DecisionStats, days: number) {
  const { since } = stats;
  const firstCounted = stats.cappedAt?.toISOString().slice(0, 10) ?? '';
  const byDay = new Map<string, Record<string, number>>();
  for (let i = 0; i < days; i += 1) {
    const d = new Date(since.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    byDay.set(d, Object.fromEntries(DECISIONS.map((o) => [o, 0])));
  }
  for (const row of stats.days) {
    const day = byDay.get(row.day);
    if (day) day[row.decision] = (day[row.decision] ?? 0) + row.n;
  }
  return [...byDay.entries()].map(([day, counts]) => ({ day, counts, counted: day >= firstCounted }));
}

export function outcomesChart(rows: ReturnType<typeof dailyOutcomes>) {
  const top = Math.max(1, ...rows.map((r) => Object.values(r.counts).reduce((a, b) => a + b, 0)));
  const width = LEFT + rows.length * BAR + 8;
  const bars = rows.map((r, i) => {
    let y = HEIGHT;
    const x = LEFT + i * BAR;
    const segments = DECISIONS.filter((o) => (r.counts[o] ?? 0) > 0).map((o) => {
      const h = Math.max(1, Math.round(((r.counts[o] ?? 0) / top) * (HEIGHT - 10)));
      y -= h;
      return html`<rect x="${x + 2}" y="${y}" width="${BAR - 4}" height="${h}" fill="${OUTCOME_COLOURS[o]!}">
        <title>${r.day}: ${r.counts[o] ?? 0} ${o}</title>
      </rect>`;
    });
    if (!r.counted) {
      segments.push(
        html`<rect
          x="${x + 2}"
          y="10"
          width="${BAR - 4}"
          height="${HEIGHT - 10}"
          fill="none"
          stroke="#c5c9d1"
          stroke-dasharray="3 3"
          ><title>${r.day}: not counted</title></rect
        >`,
      );
    }
    const label =
      i % 5 === 0 ? html`<text x="${x}" y="${HEIGHT + 16}" font-size="11" fill="#4a4f5a">${r.day.slice(5)}</text>` : '';
    return html`<g data-day="${r.day}">${segments}${label}</g>`;
  });
  return html`<svg
    id="outcomes-chart"
    class="chart"
    role="img"
    aria-label="Decisions per day by outcome, the last ${rows.length} days"
    xmlns="http://www.w3.org/2000/svg"
    width="${width}"
    height="${HEIGHT + 24}"
    viewBox="0 0 ${width} ${HEIGHT + 24}"
  >
    <line x1="${LEFT - 2}" y1="${HEIGHT}" x2="${width}" y2="${HEIGHT}" stroke="#9aa0ab" />
    <text x="0" y="16" font-size="11" fill="#4a4f5a">${top}</text>
    <text x="0" y="${HEIGHT}" font-size="11" fill="#4a4f5a">0</text>
    ${bars}
  </svg>`;
}

export function outcomesLegend(rows: ReturnType<typeof dailyOutcomes>) {
  const total = (o: string) => rows.reduce((n, r) => n + (r.counts[o] ?? 0), 0);
  return html`<p class="muted" id="outcomes-legend">
    ${DECISIONS.map(
      (o) =>
        html`<svg width="12" height="12" aria-hidden="true">
            <rect width="12" height="12" fill="${OUTCOME_COLOURS[o]!}" />
          </svg>
          ${o} <strong data-outcome="${o}">${total(o)}</strong> `,
    )}
  </p>`;
}

export function reasonsChart(reasons: DecisionStats['reasons']) {
  if (reasons.length === 0) return html`<p id="no-reasons">No decision in this window.</p>`;
  const top = Math.max(...reasons.map((r) => r.n));
  const row = 26;
  const labelWidth = 210;
  const barMax = 360;
  const height = reasons.length * row + 4;
  return html`<svg
    id="reasons-chart"
    class="chart"
    role="img"
    aria-label="The most given reasons and how often"
    xmlns="http://www.w3.org/2000/svg"
    width="${labelWidth + barMax + 80}"
    height="${height}"
    viewBox="0 0 ${labelWidth + barMax + 80} ${height}"
  >
    ${reasons.map((r, i) => {
      const w = Math.max(2, Math.round((r.n / top) * barMax));
      return html`<g data-reason="${r.reason}">
        <text x="0" y="${i * row + 17}" font-size="13" fill="#1b1d21">${r.reason.slice(0, 30)}</text>
        <rect x="${labelWidth}" y="${i * row + 4}" width="${w}" height="18" fill="#5b616e" />
        <text x="${labelWidth + w + 6}" y="${i * row + 17}" font-size="12" fill="#4a4f5a">${r.n}</text>
      </g>`;
    })}
  </svg>`;
}
