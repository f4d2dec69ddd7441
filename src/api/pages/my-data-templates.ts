import type { AccessLogPage } from '../../db/queries/access-log';
import { tierLabel } from '../../domain/tiers';
import type { OwnHistory } from '../../services/own-history';
import { when } from './my-account-templates';
import { html } from './html';

/** The history page: what linked partners see when they resolve the person, then each partner's part. */
export function historyContent(h: OwnHistory) {
  return html`<p>What every partner you linked sees when it looks you up: counts and dates, never the events.</p>
    <ul id="totals">
      <li>Tier: <strong id="tier">${h.tier}</strong> (${tierLabel(h.tier)})</li>
      <li>Events: <strong id="event-count">${h.eventCount}</strong></li>
      <li>Partners with events: <strong id="partner-count">${h.partnerCount}</strong></li>
      <li>First event: ${when(h.firstEventAt)}</li>
      <li>Last event: ${when(h.lastEventAt)}</li>
    </ul>
    ${
      h.partners.length === 0
        ? html`<p id="no-partners">You have not linked any partner, so no partner sees this history.</p>`
        : h.partners.map(
            (p) =>
              html`<section class="partner-history">
                <h2 class="partner">${p.partnerName}</h2>
                <p class="muted">Linked since ${when(p.linkedAt)}</p>
                <p>${p.eventCount} events, from ${when(p.firstEventAt)} to ${when(p.lastEventAt)}</p>
                ${
                  p.eventTypes.length > 0
                    ? html`<ul>
                        ${p.eventTypes.map((t) => html`<li><code>${t.type}</code>: ${t.count}</li>`)}
                      </ul>`
                    : ''
                }
                ${p.eventTypesTruncated ? html`<p class="muted">Only the most frequent types are listed.</p>` : ''}
              </section>`,
          )
    }`;
}

const OPERATIONS: Record<string, string> = {
  resolve: 'looked up your history',
  evaluate: 'checked a policy',
  link_status: 'checked whether you are linked',
};

/** The access log page: newest first, one entry per lookup, and a link to the older ones. */
export function accessLogContent(page: AccessLogPage, older: string | null) {
  if (page.items.length === 0) {
    return html`<p id="no-access">No partner you are linked to has looked you up.</p>`;
  }
  return html`<p>Every time a partner you linked looked you up. Kept while the link lasts, deleted when it ends.</p>
    <ol class="access-log">
      ${page.items.map(
        (e) =>
          html`<li>
            <span class="muted">${when(e.at)}</span> <strong class="partner">${e.partnerName}</strong>
            ${OPERATIONS[e.operation] ?? e.operation}${
              e.action ? html`: <code>${e.action}</code> → ${e.outcome ?? ''}` : ''
            }
          </li>`,
      )}
    </ol>
    ${older ? html`<p><a href="/account/access-log?cursor=${older}" id="older">Older lookups</a></p>` : ''}`;
}
