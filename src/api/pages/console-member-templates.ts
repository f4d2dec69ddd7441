import type { MemberInvite } from '../../db/queries/members';
import { hiddenCsrf } from './console-templates';
import { when } from './my-account-templates';
import { html } from './html';

/** The members page: who belongs, who is invited and has not come in yet, and the import form. */

export interface MemberRow {
  id: string;
  email: string;
  role: string;
  createdAt: Date;
}

export type ImportFields = Partial<Record<'admins' | 'analysts' | 'members', string>>;

export function membersTable(base: string, members: MemberRow[], next: string | null) {
  return html`<table id="members">
      <thead>
        <tr>
          <th scope="col">Email</th>
          <th scope="col">Role</th>
          <th scope="col">Member since</th>
          <th scope="col">Member id</th>
        </tr>
      </thead>
      <tbody>
        ${members.map(
          (m) =>
            html`<tr data-member="${m.id}">
              <td class="partner">${m.email}</td>
              <td>${m.role}</td>
              <td>${when(m.createdAt)}</td>
              <td>${m.id}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${next ? html`<p><a href="${base}/members?cursor=${encodeURIComponent(next)}" id="next-page">Older members</a></p>` : ''}`;
}

export function invitesTable(base: string, invites: MemberInvite[], next: string | null) {
  return html`<h2>Invited, not yet in</h2>
    <p class="muted">
      An invited address becomes a member when its owner verifies it with a MIR account (at once if they already have
      one).
    </p>
    <table id="invites">
      <thead>
        <tr>
          <th scope="col">Email</th>
          <th scope="col">Role</th>
          <th scope="col">Invited</th>
          <th scope="col">From</th>
        </tr>
      </thead>
      <tbody>
        ${invites.map(
          (i) =>
            html`<tr data-invite="${i.id}">
              <td class="partner">${i.email}</td>
              <td>${i.role}</td>
              <td>${when(i.createdAt)}</td>
              <td>${i.importSource}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${invites.length === 0 ? html`<p id="no-invites">No invite waits.</p>` : ''}
    ${next ? html`<p><a href="${base}/members?invites=${encodeURIComponent(next)}" id="next-invites">Older invites</a></p>` : ''}`;
}

const area = (name: keyof ImportFields, label: string, value: string | undefined) =>
  html`<div>
    <label for="import-${name}">${label}</label>
    <textarea id="import-${name}" name="${name}" rows="4" maxlength="8000">${value ?? ''}</textarea>
  </div>`;

export function importForm(base: string, csrf: string, typed: ImportFields = {}) {
  return html`<h2>Invite people</h2>
    <form method="post" action="${base}/members/import" id="import">
      ${hiddenCsrf(csrf)}
      <p class="muted">
        One address per line (or separated by commas), at most 500 in all. An address already imported is skipped.
      </p>
      ${area('admins', 'As ADMIN', typed.admins)} ${area('analysts', 'As ANALYST', typed.analysts)}
      ${area('members', 'As MEMBER', typed.members)}
      <button type="submit" id="import-submit">Invite</button>
    </form>`;
}
