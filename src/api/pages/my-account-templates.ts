import { type SafeHtml, html } from './html';
import { layout, loginInputs } from './layout';

/**
 * The logged-in person's pages under /account: their links, memberships, history and who looked.
 * Partner names are other people's input: every value goes through `html`, which escapes it.
 */

export type AccountSection = 'overview' | 'links' | 'history' | 'access-log' | 'memberships' | 'export';

export interface PageFrame {
  email: string;
  csrf: string;
  notice?: string;
  error?: string;
}

const hidden = (csrf: string) => html`<input type="hidden" name="csrf" value="${csrf}" />`;
export const when = (at: Date | null) => (at ? at.toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '–');

/** Export and deletion are their own pages; the links stay even where those are not served yet. */
const SECTIONS: [href: string, label: string, section?: AccountSection][] = [
  ['/account', 'Your account', 'overview'],
  ['/account/links', 'Links', 'links'],
  ['/account/history', 'History', 'history'],
  ['/account/access-log', 'Access log', 'access-log'],
  ['/account/memberships', 'Memberships', 'memberships'],
  ['/account/export', 'Export your data', 'export'],
  ['/account/delete', 'Delete your account'],
];

function nav(current: AccountSection) {
  return html`<nav class="card" aria-label="Your account">
    <ul>
      ${SECTIONS.map(([href, label, section]) =>
        section === current
          ? html`<li><strong aria-current="page">${label}</strong></li>`
          : html`<li><a href="${href}">${label}</a></li>`,
      )}
    </ul>
  </nav>`;
}

/** Every page of the section: its title, messages, the content, the navigation and log-out. */
export function accountPage(section: AccountSection, title: string, frame: PageFrame, content: SafeHtml): string {
  return layout(
    title,
    html`<section class="card">
        <h1>${title}</h1>
        ${frame.notice ? html`<p class="notice" role="status">${frame.notice}</p>` : ''}
        ${frame.error ? html`<p class="error" role="alert">${frame.error}</p>` : ''} ${content}
      </section>
      ${nav(section)}
      <section class="card">
        <p class="muted">Logged in as <strong class="partner">${frame.email}</strong>.</p>
        <form method="post" action="/account/logout" class="inline">
          ${hidden(frame.csrf)}
          <button type="submit" class="link" id="logout">Log out</button>
        </form>
      </section>`,
  );
}

export function loginPage(view: { csrf: string; next: string; error?: string; notice?: string }): string {
  return layout(
    'Log in to MIR',
    html`<section class="card">
      <h1>Log in to MIR</h1>
      ${view.notice ? html`<p class="notice" role="status">${view.notice}</p>` : ''}
      ${view.error ? html`<p class="error" role="alert">${view.error}</p>` : ''}
      <p>See the partners you linked, what they see of you, who looked you up, and the organisations that list you.</p>
      <form method="post" action="/account/login">
        ${hidden(view.csrf)}
        <input type="hidden" name="next" value="${view.next}" />
        ${loginInputs()}
        <button type="submit" id="login">Log in</button>
      </form>
      <p class="muted"><a href="/account/password-reset">Forgot your password?</a></p>
    </section>`,
  );
}

export function overviewContent(view: { emailVerified: boolean; links: number; memberships: number }) {
  return html`<p>
      ${view.emailVerified ? 'Your email address is verified.' : 'Your email address is not verified yet.'}
    </p>
    <ul>
      <li>Linked partners: <strong id="link-count">${view.links}</strong></li>
      <li>Organisations that list you as a member: <strong id="membership-count">${view.memberships}</strong></li>
    </ul>
    <p class="muted">
      Partners see your history only through a link you made, as counts and dates: never your events, never your email.
    </p>`;
}

export function linksContent(csrf: string, links: { organizationId: string; name: string; linkedAt: Date }[]) {
  if (links.length === 0) return html`<p id="no-links">You have not linked any partner.</p>`;
  return html`<p>These partners see your history signals. Unlinking one stops that at once.</p>
    <ul class="links">
      ${links.map(
        (l) =>
          html`<li>
            <strong class="partner">${l.name}</strong> <span class="muted">since ${when(l.linkedAt)}</span>
            <form method="post" action="/account/links/${encodeURIComponent(l.organizationId)}/unlink">
              ${hidden(csrf)}
              <button type="submit" class="danger" data-partner="${l.organizationId}">Unlink ${l.name}</button>
            </form>
          </li>`,
      )}
    </ul>`;
}

export function membershipsContent(
  csrf: string,
  rows: { organizationId: string; organizationName: string; memberId: string; role: string; since: Date }[],
) {
  if (rows.length === 0) return html`<p id="no-memberships">No organisation lists you as a member.</p>`;
  return html`<p>
      These organisations imported your address and list you as a member: they see your email and role, not your
      history. Leaving is final: importing your address again does not add you back.
    </p>
    <ul class="memberships">
      ${rows.map(
        (m) =>
          html`<li>
            <strong class="partner">${m.organizationName}</strong> as ${m.role}
            <span class="muted">since ${when(m.since)}, member id ${m.memberId}</span>
            <form method="post" action="/account/memberships/${encodeURIComponent(m.organizationId)}/leave">
              ${hidden(csrf)}
              <button type="submit" class="danger" data-org="${m.organizationId}">Leave ${m.organizationName}</button>
            </form>
          </li>`,
      )}
    </ul>`;
}
