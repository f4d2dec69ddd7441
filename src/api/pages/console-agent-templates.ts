import type { Agent } from '../../db/queries/agents';
import type { RevocationOperation } from '../../db/queries/revocations';
import { hiddenCsrf } from './console-templates';
import { when } from './my-account-templates';
import { type SafeHtml, html } from './html';

/** The agents' pages of the console: the list, one agent with its lineage, the kill switch. */

const agentLink = (base: string, a: { id: string; name: string }) =>
  html`<a href="${base}/agents/${encodeURIComponent(a.id)}" class="partner">${a.name}</a>`;

export function agentListContent(base: string, agents: Agent[], next: string | null) {
  return html`<p><a href="${base}/agents/tree">See the family tree</a></p>
    <table id="agents">
      <thead>
        <tr>
          <th scope="col">Agent</th>
          <th scope="col">Status</th>
          <th scope="col">Depth</th>
          <th scope="col">Parent</th>
          <th scope="col">Created</th>
        </tr>
      </thead>
      <tbody>
        ${agents.map(
          (a) =>
            html`<tr data-agent="${a.id}">
              <td>${agentLink(base, a)}</td>
              <td>${a.status}</td>
              <td>${a.spawnDepth}</td>
              <td>${a.parentId ?? '–'}</td>
              <td>${when(a.createdAt)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${agents.length === 0 ? html`<p id="no-agents">No agents yet.</p>` : ''}
    ${next ? html`<p><a href="${base}/agents?cursor=${encodeURIComponent(next)}" id="next-page">Older agents</a></p>` : ''}`;
}

export function agentContent(
  base: string,
  agent: Agent,
  lineage: { id: string; name: string; status: string }[],
  tree: SafeHtml,
) {
  return html`<p class="muted">${agent.id} · ${agent.type} · depth ${agent.spawnDepth}</p>
    <p>
      Status:
      <strong id="agent-status">${agent.status}</strong>${agent.statusReason ? html` (${agent.statusReason})` : ''}
    </p>
    <p>Permissions: ${agent.permissions.join(', ') || 'none'} · preset ${agent.preset ?? 'none'}</p>
    <h2>Lineage</h2>
    <ol id="lineage">
      ${lineage.map((a) => html`<li>${agentLink(base, a)} (${a.status})</li>`)}
      <li><strong>${agent.name}</strong></li>
    </ol>
    <h2>Its family below</h2>
    ${tree}
    ${
      agent.status === 'REVOKED'
        ? ''
        : html`<p>
            <a class="button" href="${base}/agents/${encodeURIComponent(agent.id)}/kill-switch" id="kill-switch"
              >Kill switch…</a
            >
          </p>`
    }`;
}

export function confirmKillContent(base: string, csrf: string, agent: Agent, count: number) {
  return html`<p id="kill-count">
      This revokes <strong>${count}</strong> ${count === 1 ? 'agent' : 'agents'}:
      <span class="partner">${agent.name}</span>
      and every descendant not yet revoked. Their keys stop working at once; this cannot be undone.
    </p>
    <form method="post" action="${base}/agents/${encodeURIComponent(agent.id)}/kill-switch">
      ${hiddenCsrf(csrf)}
      <label for="kill-reason">Reason (optional)</label>
      <input type="text" id="kill-reason" name="reason" maxlength="500" />
      <button type="submit" class="danger" id="confirm-kill">
        Revoke ${count} ${count === 1 ? 'agent' : 'agents'}
      </button>
    </form>
    <p><a href="${base}/agents/${encodeURIComponent(agent.id)}">Cancel</a></p>`;
}

export function revocationContent(base: string, op: RevocationOperation) {
  return html`<p>
      Status: <strong id="revocation-status">${op.status}</strong> · recorded as revoked:
      <strong id="revocation-progress">${op.revoked} of ${op.total}</strong>
    </p>
    <p class="muted">
      Every agent of the family already fails auth; this counts the revocations recorded. Started
      ${when(op.createdAt)}${op.completedAt ? html`, completed ${when(op.completedAt)}` : ''}.
    </p>
    ${op.status === 'RUNNING' ? html`<p><a href="" id="refresh">Refresh</a> (this page also reloads by itself)</p>` : ''}
    <p><a href="${base}/agents/${encodeURIComponent(op.rootAgentId)}">Back to the agent</a></p>`;
}
