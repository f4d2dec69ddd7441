import type { Agent } from '../../db/queries/agents';
import type { SpawnRequest } from '../../db/queries/spawn-requests';
import { presentSpawnRequest } from '../present/spawn';
import { hiddenCsrf } from './console-templates';
import { when } from './my-account-templates';
import { html } from './html';

/** A list shown as words: "none" rather than an empty cell, so an absence is said. */
const list = (items: readonly string[] | undefined) => (items && items.length > 0 ? items.join(', ') : 'none');

const actor = (a: { type: string; id: string | null } | null, me: string) =>
  !a ? '–' : a.type === 'user' && a.id === me ? 'you' : `${a.type} ${a.id ?? ''}`;

/** One pending request: the child's ask beside its parent's grant, the deadline, and the two forms. */
function pendingCard(base: string, csrf: string, r: SpawnRequest, parent: Agent | null, me: string) {
  const child = presentSpawnRequest(r).child;
  const action = `${base}/spawn-requests/${encodeURIComponent(r.id)}`;
  return html`<article class="card" id="request-${r.id}" data-request="${r.id}">
    <h2>
      <span class="partner">${child.name}</span> under <span class="partner">${parent?.name ?? r.parentAgentId}</span>
    </h2>
    <p class="muted">
      Request ${r.id} · asked by ${actor(r.requestedBy, me)} · decide by <strong>${when(r.expiresAt)}</strong> · why it
      waits: ${list(r.approvalReasons)}
    </p>
    <table>
      <thead>
        <tr>
          <th scope="col"></th>
          <th scope="col">The child asks for</th>
          <th scope="col">Its parent has</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">Permissions</th>
          <td>${list(child.permissions)}</td>
          <td>${list(parent?.permissions)}</td>
        </tr>
        <tr>
          <th scope="row">Preset</th>
          <td>–</td>
          <td>${parent?.preset ?? 'none'}</td>
        </tr>
        <tr>
          <th scope="row">Event types</th>
          <td>${list(child.allowedEventTypes)}</td>
          <td>${list(parent?.allowedEventTypes)}</td>
        </tr>
        <tr>
          <th scope="row">Event patterns</th>
          <td>${list(child.allowedEventPatterns)}</td>
          <td>${list(parent?.allowedEventPatterns)}</td>
        </tr>
        <tr>
          <th scope="row">Depth</th>
          <td>${child.spawnDepth}</td>
          <td>${parent?.spawnDepth ?? '–'}</td>
        </tr>
      </tbody>
    </table>
    <div class="cols">
      <form method="post" action="${action}/approve">
        ${hiddenCsrf(csrf)}
        <label for="approve-reason-${r.id}">Reason (optional)</label>
        <input type="text" id="approve-reason-${r.id}" name="reason" maxlength="500" />
        <button type="submit" class="approve">Approve</button>
      </form>
      <form method="post" action="${action}/reject">
        ${hiddenCsrf(csrf)}
        <label for="reject-reason-${r.id}">Reason (optional)</label>
        <input type="text" id="reject-reason-${r.id}" name="reason" maxlength="500" />
        <button type="submit" class="danger reject">Reject</button>
      </form>
    </div>
  </article>`;
}

export function spawnRequestsContent(view: {
  base: string;
  csrf: string;
  pending: SpawnRequest[];
  decided: SpawnRequest[];
  parents: Map<string, Agent | null>;
  accountId: string;
  nextPending: string | null;
  nextDecided: string | null;
}) {
  const { base, csrf, accountId } = view;
  return html`<h2>Waiting for a decision</h2>
    ${
      view.pending.length === 0
        ? html`<p id="no-pending">Nothing waits for a decision.</p>`
        : view.pending.map((r) => pendingCard(base, csrf, r, view.parents.get(r.parentAgentId) ?? null, accountId))
    }
    ${view.nextPending ? html`<p><a href="${view.nextPending}" id="next-pending">Older waiting requests</a></p>` : ''}
    <h2>Decided</h2>
    <p class="muted">Newest first, 20 a page.</p>
    <table id="decided">
      <thead>
        <tr>
          <th scope="col">Request</th>
          <th scope="col">Status</th>
          <th scope="col">By</th>
          <th scope="col">Reason</th>
          <th scope="col">When</th>
        </tr>
      </thead>
      <tbody>
        ${view.decided.map(
          (r) =>
            html`<tr data-request="${r.id}">
              <td>${r.id}</td>
              <td>${r.status}</td>
              <td>${actor(r.decidedBy ?? null, accountId)}</td>
              <td class="partner">${r.decisionReason ?? ''}</td>
              <td>${when(r.decidedAt)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${view.nextDecided ? html`<p><a href="${view.nextDecided}" id="next-decided">Older decisions</a></p>` : ''}`;
}
