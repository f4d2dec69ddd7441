import { html } from './html';
import { layout, loginInputs, newPasswordInput } from './layout';

/** What linking shares, said the same way everywhere the person decides. */
const SHARES = html`<h2>What linking shares</h2>
  <p>
    History signals only: how many events, how many partners, how recent. Never the events themselves, never your email.
  </p>
  <p class="muted">You can unlink a partner at any time; it then stops seeing your shared history.</p>`;

export interface InviteView {
  token: string;
  partnerName: string;
  expiresAt: Date;
  csrf: string;
  user: { email: string; emailVerified: boolean } | null;
  notice?: string;
  error?: string;
}

const hidden = (csrf: string) => html`<input type="hidden" name="csrf" value="${csrf}" />`;

function messages(view: { notice?: string; error?: string }) {
  return html`${view.notice ? html`<p class="notice" role="status">${view.notice}</p>` : ''}${
    view.error ? html`<p class="error" role="alert">${view.error}</p>` : ''
  }`;
}

function accountForms(view: InviteView) {
  const base = `/link/${view.token}`;
  return html`<section class="card" id="login">
      <h2>Log in to MIR</h2>
      <form method="post" action="${base}/login">
        ${hidden(view.csrf)} ${loginInputs()}
        <button type="submit">Log in</button>
      </form>
      <p class="muted"><a href="/account/password-reset" id="forgot-password">Forgot your password?</a></p>
    </section>
    <section class="card" id="signup">
      <h2>New to MIR? Sign up</h2>
      <form method="post" action="${base}/signup">
        ${hidden(view.csrf)}
        <label for="signup-email">Email</label>
        <input id="signup-email" name="email" type="email" autocomplete="email" required maxlength="254" />
        ${newPasswordInput('signup-password', 'Password (at least 10 characters)')}
        <button type="submit" class="secondary">Sign up</button>
      </form>
    </section>`;
}

/** An unverified person cannot confirm yet: say so, and offer the mail again. */
function verifyFirst(view: InviteView) {
  const base = `/link/${view.token}`;
  return html`<div id="verify-first">
      <p class="error" role="alert">
        Verify your email address before you link: open the link in the verification mail we sent you, then reload this
        page.
      </p>
      <form method="post" action="${base}/resend-verification">
        ${hidden(view.csrf)}
        <button type="submit" class="secondary" id="resend-verification">Send the verification mail again</button>
      </form>
    </div>
    <form method="post" action="${base}/decline">
      ${hidden(view.csrf)}
      <button type="submit" class="danger" id="decline">Decline</button>
    </form>`;
}

function decisionForms(view: InviteView) {
  const base = `/link/${view.token}`;
  if (view.user && !view.user.emailVerified) return verifyFirst(view);
  return html`<form method="post" action="${base}/confirm">
      ${hidden(view.csrf)}
      <button type="submit" id="confirm">Confirm and link</button>
    </form>
    <form method="post" action="${base}/decline">
      ${hidden(view.csrf)}
      <button type="submit" class="danger" id="decline">Decline</button>
    </form>`;
}

export function invitePage(view: InviteView): string {
  const base = `/link/${view.token}`;
  const expires = view.expiresAt.toUTCString().replace(' GMT', ' UTC');
  const body = html`<section class="card">
      <h1><span class="partner">${view.partnerName}</span> asks to link your MIR account</h1>
      ${messages(view)} ${SHARES}
      <p class="muted">This request is valid until ${expires}.</p>
    </section>
    ${
      view.user
        ? html`<section class="card" id="decide">
            <p>Logged in as <strong class="partner">${view.user.email}</strong>.</p>
            ${decisionForms(view)}
            <form method="post" action="${base}/logout" class="inline">
              ${hidden(view.csrf)}
              <button type="submit" class="link">Not you? Log out</button>
            </form>
          </section>`
        : html`${accountForms(view)}
            <section class="card">
              <p class="muted">Log in or sign up to confirm. You can decline without an account.</p>
              <form method="post" action="${base}/decline">
                ${hidden(view.csrf)}
                <button type="submit" class="danger" id="decline">Decline</button>
              </form>
            </section>`
    }`;
  return layout(`Link your MIR account to ${view.partnerName}`, body);
}

export function linkedPage(partnerName: string): string {
  return layout(
    'Linked',
    html`<section class="card">
      <h1>Linked</h1>
      <p class="notice" role="status">
        Your MIR account is now linked to <strong class="partner">${partnerName}</strong>.
      </p>
      <p>
        ${partnerName} now sees your history signals: how many events, how many partners, how recent. Never the events
        themselves, never your email.
      </p>
      <p class="muted">You can close this page.</p>
    </section>`,
  );
}

export function declinedPage(partnerName: string): string {
  return layout(
    'Declined',
    html`<section class="card">
      <h1>Declined</h1>
      <p>Nothing was linked. <span class="partner">${partnerName}</span> sees none of your MIR history.</p>
      <p class="muted">You can close this page.</p>
    </section>`,
  );
}
