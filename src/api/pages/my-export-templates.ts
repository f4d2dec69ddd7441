import type { ExportView } from '../../services/exports';
import { when } from './my-account-templates';
import { html } from './html';

const STATUS: Record<ExportView['status'], string> = {
  PENDING: 'Being written',
  READY: 'Ready',
  EXPIRED: 'Expired and deleted',
  FAILED: 'Failed: ask for a new one',
};

const sizeOf = (bytes: number | null) =>
  (bytes ?? 0) < 1024 * 1024 ? `${Math.ceil((bytes ?? 0) / 1024)} KB` : `${((bytes ?? 0) / 1024 / 1024).toFixed(1)} MB`;
const at = (iso: string | null) => when(iso ? new Date(iso) : null);

/**
 * The export page: a button that asks for an export (the page's POST, with its CSRF token) and the
 * newest exports with their status; a READY one links to its download, which the session cookie
 * opens like the JSON API.
 */
export function exportContent(csrf: string, exports: ExportView[]) {
  const writing = exports.some((e) => e.status === 'PENDING');
  return html`<p>
      A copy of everything MIR holds about you, as one JSON file: your account, links and memberships, every event the
      partners you linked sent, who looked you up, and the audit entries about you. It is kept for a few days, then
      deleted; we mail you when it is ready.
    </p>
    <form method="post" action="/account/export">
      <input type="hidden" name="csrf" value="${csrf}" />
      <button type="submit" id="request-export">${writing ? 'Show the export being written' : 'Export my data'}</button>
    </form>
    ${
      exports.length === 0
        ? html`<p id="no-exports">You have not asked for an export yet.</p>`
        : html`<ul class="exports">
            ${exports.map(
              (e) =>
                html`<li data-export="${e.exportId}">
                  <span class="muted">Asked ${at(e.createdAt)}:</span>
                  <strong class="status">${STATUS[e.status]}</strong>
                  ${
                    e.status === 'READY'
                      ? html`<a class="download" href="/v1/me/exports/${e.exportId}/download" download
                            >Download (${sizeOf(e.size)})</a
                          >
                          <span class="muted">until ${at(e.expiresAt)}</span>`
                      : ''
                  }
                </li>`,
            )}
          </ul>`
    }
    ${writing ? html`<p class="muted"><a href="/account/export" id="refresh">Refresh</a> to see when it is ready.</p>` : ''}`;
}
