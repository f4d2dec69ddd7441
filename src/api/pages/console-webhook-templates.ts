import type { WebhookAttempt, WebhookDelivery } from '../../db/queries/webhook-deliveries';
import type { WebhookEndpoint } from '../../db/queries/webhook-endpoints';
import { hiddenCsrf } from './console-templates';
import { when } from './my-account-templates';
import { html } from './html';

/** The webhooks pages: the endpoints, and one endpoint's deliveries with a retry for a failed one. */

const hookHref = (base: string, id: string) => `${base}/webhooks/${encodeURIComponent(id)}`;

const state = (e: WebhookEndpoint) =>
  e.enabled
    ? html`enabled${e.failingSince ? html` · failing since ${when(e.failingSince)}` : ''}`
    : html`<strong>disabled</strong> (${e.disabledReason ?? 'no reason given'})`;

export function endpointsContent(base: string, endpoints: WebhookEndpoint[], next: string | null) {
  return html`<table id="webhooks">
      <thead>
        <tr>
          <th scope="col">Endpoint</th>
          <th scope="col">Events</th>
          <th scope="col">State</th>
          <th scope="col">Created</th>
        </tr>
      </thead>
      <tbody>
        ${endpoints.map(
          (e) =>
            html`<tr data-webhook="${e.id}">
              <td>
                <a href="${hookHref(base, e.id)}" class="partner">${e.url}</a>
                ${e.description ? html`<br /><span class="muted partner">${e.description}</span>` : ''}
              </td>
              <td>${e.eventTypes.join(', ')}</td>
              <td>${state(e)}</td>
              <td>${when(e.createdAt)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${endpoints.length === 0 ? html`<p id="no-webhooks">No webhook endpoint yet (POST /v1/webhooks registers one).</p>` : ''}
    ${next ? html`<p><a href="${base}/webhooks?cursor=${encodeURIComponent(next)}" id="next-page">Older endpoints</a></p>` : ''}`;
}

type Shown = WebhookDelivery & { attemptLog: WebhookAttempt[]; retriedAs: string | null };

const lastAttempt = (d: Shown) => {
  const a = d.attemptLog[d.attemptLog.length - 1];
  if (!a) return '–';
  const answer = a.httpStatus ? `HTTP ${a.httpStatus}` : (a.error ?? 'no answer');
  return html`${answer} · ${a.latencyMs ?? '–'} ms · ${when(a.attemptedAt)}`;
};

function retryCell(base: string, csrf: string, endpoint: WebhookEndpoint, d: Shown) {
  if (d.retriedAs) return html`retried as ${d.retriedAs}`;
  if (d.status !== 'FAILED' || !endpoint.enabled) return '';
  return html`<form method="post" action="${hookHref(base, endpoint.id)}/deliveries/${encodeURIComponent(d.id)}/retry">
    ${hiddenCsrf(csrf)}
    <button type="submit" class="secondary retry" aria-label="Retry delivery ${d.id}">Retry</button>
  </form>`;
}

export function deliveriesContent(
  base: string,
  csrf: string,
  endpoint: WebhookEndpoint,
  deliveries: Shown[],
  next: string | null,
) {
  return html`<p class="partner" id="endpoint-url">${endpoint.url}</p>
    <p>State: ${state(endpoint)} · events: ${endpoint.eventTypes.join(', ')}</p>
    <h2>Recent deliveries</h2>
    <table id="deliveries">
      <thead>
        <tr>
          <th scope="col">Delivery</th>
          <th scope="col">Event</th>
          <th scope="col">Status</th>
          <th scope="col">Attempts</th>
          <th scope="col">Last attempt</th>
          <th scope="col">Retry</th>
        </tr>
      </thead>
      <tbody>
        ${deliveries.map(
          (d) =>
            html`<tr data-delivery="${d.id}" data-status="${d.status}">
              <td>
                ${d.id}<br /><span class="muted">${when(d.createdAt)}</span>
                ${d.retryOf ? html`<br /><span class="muted">retry of ${d.retryOf}</span>` : ''}
              </td>
              <td>${d.eventType}</td>
              <td>${d.status}${d.failureReason ? html`<br /><span class="muted">${d.failureReason}</span>` : ''}</td>
              <td>${d.attemptLog.length}</td>
              <td>${lastAttempt(d)}</td>
              <td>${retryCell(base, csrf, endpoint, d)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${deliveries.length === 0 ? html`<p id="no-deliveries">Nothing was sent to this endpoint yet.</p>` : ''}
    ${
      next
        ? html`<p>
            <a href="${hookHref(base, endpoint.id)}?cursor=${encodeURIComponent(next)}" id="next-page"
              >Older deliveries</a
            >
          </p>`
        : ''
    }
    <p><a href="${base}/webhooks">All endpoints</a></p>`;
}
