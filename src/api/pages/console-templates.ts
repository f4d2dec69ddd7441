import { type SafeHtml, html } from './html';
import { layout } from './layout';

/**
 * The frame of every console page: the organisation acted for (with the person's role there), the
 * sections, and the way back to the switcher. Names are other people's input: all through `html`.
 */

export type ConsoleSection =
  'spawn-requests' | 'agents' | 'tree' | 'audit' | 'members' | 'webhooks' | 'decisions' | 'settings';

export interface ConsoleFrame {
  org: { id: string; name: string; role: string };
  csrf: string;
  /** The sections the person's role may open: only these are linked. */
  sections: readonly ConsoleSection[];
  notice?: string;
  error?: string;
}

export const hiddenCsrf = (csrf: string) => html`<input type="hidden" name="csrf" value="${csrf}" />`;
export const orgBase = (orgId: string) => `/console/orgs/${encodeURIComponent(orgId)}`;

const SECTIONS: [ConsoleSection, string, string][] = [
  ['spawn-requests', '/spawn-requests', 'Spawn requests'],
  ['agents', '/agents', 'Agents'],
  ['tree', '/agents/tree', 'Family tree'],
  ['audit', '/audit', 'Audit log'],
  ['members', '/members', 'Members'],
  ['webhooks', '/webhooks', 'Webhooks'],
  ['decisions', '/decisions', 'Decisions'],
  ['settings', '/settings', 'Settings'],
];

export const CONSOLE_STYLE = html`<style>
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.9rem;
  }
  th,
  td {
    text-align: left;
    padding: 0.4rem;
    border-bottom: 1px solid #e1e4ea;
    vertical-align: top;
    overflow-wrap: anywhere;
  }
  nav.sections ul {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem;
    list-style: none;
    padding: 0;
    margin: 0;
  }
  .cols {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 0.75rem;
  }
  .tree {
    overflow-x: auto;
  }
  button.retry {
    width: auto;
    margin: 0;
    padding: 0.4rem 0.8rem;
    white-space: nowrap;
  }
  svg.chart {
    max-width: 100%;
    height: auto;
  }
  input[type='text'],
  input[type='number'],
  select,
  textarea {
    width: 100%;
    font: inherit;
    padding: 0.5rem;
    border: 1px solid #c5c9d1;
    border-radius: 8px;
  }
</style>`;

export function consolePage(
  section: ConsoleSection | null,
  title: string,
  frame: ConsoleFrame,
  content: SafeHtml,
  refreshSeconds?: number,
): string {
  const base = orgBase(frame.org.id);
  return layout(
    title,
    html`${CONSOLE_STYLE}
      <nav class="card sections" aria-label="Console">
        <p class="muted">
          <span class="partner">${frame.org.name}</span> · you are <strong id="role">${frame.org.role}</strong> ·
          <a href="/console">Switch organisation</a> · <a href="/account">Your account</a>
        </p>
        <ul>
          ${SECTIONS.filter(([s]) => frame.sections.includes(s)).map(([s, path, label]) =>
            s === section
              ? html`<li><strong aria-current="page">${label}</strong></li>`
              : html`<li><a href="${base}${path}">${label}</a></li>`,
          )}
        </ul>
      </nav>
      <section class="card">
        <h1>${title}</h1>
        ${frame.notice ? html`<p class="notice" role="status" id="notice">${frame.notice}</p>` : ''}
        ${frame.error ? html`<p class="error" role="alert" id="error">${frame.error}</p>` : ''} ${content}
      </section>`,
    { wide: true, refreshSeconds },
  );
}

/** Where choosing an organisation leads: the spawn requests for those who decide them, else the audit log. */
const landing = (role: string) => (role === 'OWNER' || role === 'ADMIN' ? '/spawn-requests' : '/audit');

/** /console: the organisations the person is a member of, each with their role there. */
export function switcherPage(orgs: { organizationId: string; organizationName: string; role: string }[]): string {
  return layout(
    'MIR console',
    html`<section class="card">
      <h1>MIR console</h1>
      ${
        orgs.length === 0
          ? html`<p id="no-orgs">No organisation lists you as a member, so there is nothing to manage here.</p>`
          : html`<p>Choose the organisation to act for:</p>
              <ul id="orgs">
                ${orgs.map(
                  (o) =>
                    html`<li>
                      <a href="${orgBase(o.organizationId)}${landing(o.role)}" data-org="${o.organizationId}"
                        ><span class="partner">${o.organizationName}</span></a
                      >
                      as ${o.role}
                    </li>`,
                )}
              </ul>`
      }
      <p class="muted"><a href="/account">Your account</a></p>
    </section>`,
  );
}

/** A refusal in the console's words: 404 (no such organisation for you), 403 (your role), 400. */
export function consoleProblemPage(title: string, text: string): string {
  return layout(
    title,
    html`<section class="card">
      <h1>${title}</h1>
      <p>${text}</p>
      <p><a href="/console">Back to the console</a></p>
    </section>`,
  );
}
