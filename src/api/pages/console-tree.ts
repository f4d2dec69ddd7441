import type { TreeNode } from '../../db/queries/agent-tree';
import { html } from './html';

/**
 * An agent family drawn as server-rendered SVG (no script, so the CSP stays default-src 'none'):
 * one row per agent in depth-first order, indented by depth, joined to its parent by an elbow
 * line; a dot in the status colour, and a mark for children waiting for approval. Each node links
 * to its agent's page.
 */

export const STATUS_COLOURS: Record<string, string> = { ACTIVE: '#1e7d3a', SUSPENDED: '#a15c00', REVOKED: '#b3261e' };
const ROW = 30;
const INDENT = 26;
const WIDTH = 260;

export function treeSvg(nodes: TreeNode[], agentHref: (id: string) => string) {
  if (nodes.length === 0) return html`<p id="no-agents">No agents yet.</p>`;
  const top = Math.min(...nodes.map((n) => n.spawnDepth));
  const place = new Map<string, { x: number; y: number }>();
  nodes.forEach((n, i) => place.set(n.id, { x: 8 + (n.spawnDepth - top) * INDENT, y: 6 + i * ROW }));
  const maxX = Math.max(...[...place.values()].map((p) => p.x));
  const width = maxX + WIDTH;
  const height = nodes.length * ROW + 12;
  const lines = nodes.flatMap((n) => {
    const from = n.parentId ? place.get(n.parentId) : undefined;
    const to = place.get(n.id)!;
    return from
      ? [html`<path d="M${from.x + 7} ${from.y + 19} V${to.y + 12} H${to.x}" fill="none" stroke="#9aa0ab" />`]
      : [];
  });
  const drawn = nodes.map((n) => {
    const { x, y } = place.get(n.id)!;
    const colour = STATUS_COLOURS[n.status] ?? '#5b616e';
    const pending = n.pendingChildren > 0 ? ` · ${n.pendingChildren} pending` : '';
    return html`<a
      href="${agentHref(n.id)}"
      class="node"
      data-agent="${n.id}"
      data-status="${n.status}"
      data-pending="${n.pendingChildren}"
    >
      <title>${n.name} (${n.status}, depth ${n.spawnDepth}${pending})</title>
      <circle cx="${x + 7}" cy="${y + 12}" r="7" fill="${colour}" class="status" />
      ${
        n.pendingChildren > 0
          ? html`<circle cx="${x + 7}" cy="${y + 12}" r="10" fill="none" stroke="#a15c00" stroke-dasharray="3 2" />`
          : ''
      }
      <text x="${x + 20}" y="${y + 17}" font-size="14" fill="#1b1d21">${n.name.slice(0, 40)}</text>
      <text x="${x + 20 + Math.min(n.name.length, 40) * 8 + 6}" y="${y + 17}" font-size="12" fill="#4a4f5a">
        ${n.status.toLowerCase()}${pending}
      </text>
    </a>`;
  });
  return html`<div class="tree">
    <svg
      id="family-tree"
      xmlns="http://www.w3.org/2000/svg"
      width="${width}"
      height="${height}"
      viewBox="0 0 ${width} ${height}"
      aria-label="Agent family tree"
    >
      ${lines} ${drawn}
    </svg>
  </div>`;
}

/** The key to the colours, as text, so the status is not told by colour alone. */
export const treeLegend = html`<p class="muted">
  ${Object.entries(STATUS_COLOURS).map(
    ([status, colour]) =>
      html`<svg width="12" height="12" aria-hidden="true"><circle cx="6" cy="6" r="6" fill="${colour}" /></svg>
        ${status.toLowerCase()} `,
  )}
  · a dashed ring marks an agent with children waiting for approval
</p>`;
