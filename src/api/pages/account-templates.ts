import { html } from './html';
import { layout, newPasswordInput } from './layout';

/** The account pages a person reaches from a mail or the invite page's "Forgot your password?". */

const hidden = (csrf: string) => html`<input type="hidden" name="csrf" value="${csrf}" />`;
const errorLine = (error?: string) => (error ? html`<p class="error" role="alert">${error}</p>` : '');

const card = (title: string, body: ReturnType<typeof html>) =>
  layout(
    title,
    html`<section class="card">
      <h1>${title}</h1>
      ${body}
    </section>`,
  );

export function resetRequestPage(view: { csrf: string; error?: string }): string {
  return card(
    'Forgot your password?',
    html`${errorLine(view.error)}
      <p>
        Enter the email address of your MIR account. We mail you a link to set a new password; it works for one hour.
      </p>
      <form method="post" action="/account/password-reset">
        ${hidden(view.csrf)}
        <label for="reset-email">Email</label>
        <input id="reset-email" name="email" type="email" autocomplete="email" required maxlength="254" />
        <button type="submit" id="send-reset">Send the link</button>
      </form>`,
  );
}

export function resetRequestedPage(): string {
  return card(
    'Check your mail',
    html`<p class="notice" role="status">
        If a MIR account uses this address, we sent it a link to set a new password. It works for one hour, once.
      </p>
      <p class="muted">You can close this page.</p>`,
  );
}

export function resetFormPage(view: { token: string; csrf: string; error?: string }): string {
  return card(
    'Set a new password',
    html`${errorLine(view.error)}
      <p>Every device logged in to your account is logged out when you save it.</p>
      <form method="post" action="/account/password-reset/${view.token}">
        ${hidden(view.csrf)} ${newPasswordInput('new-password', 'New password (at least 10 characters)')}
        <button type="submit" id="save-password">Save the new password</button>
      </form>`,
  );
}

export function resetDonePage(): string {
  return card(
    'Password changed',
    html`<p class="notice" role="status">Your new password is set, and every session was logged out.</p>
      <p>Go back to the page you came from (a partner's invite, for example) and log in with it.</p>`,
  );
}

export function verifyFormPage(view: { token: string; csrf: string; error?: string }): string {
  return card(
    'Verify your email address',
    html`<p>Confirm that this address is yours, so you can link your MIR account to partners.</p>
      ${errorLine(view.error)}
      <form method="post" action="/account/verify-email/${view.token}">
        ${hidden(view.csrf)}
        <label for="password">Your MIR password (not needed if you are logged in here)</label>
        <input id="password" name="password" type="password" autocomplete="current-password" maxlength="200" />
        <button type="submit" id="verify">Confirm my address</button>
      </form>
      <p class="muted">
        Did not create a MIR account with this address? Someone else chose its password:
        <a href="/account/password-reset">set your own</a> instead, which verifies the address too.
      </p>`,
  );
}

export function verifiedPage(email: string): string {
  return card(
    'Email verified',
    html`<p class="notice" role="status"><strong class="partner">${email}</strong> is verified.</p>
      <p>Other devices logged in to your account were logged out. Go back to the partner's invite page to link.</p>`,
  );
}

export function badAccountLinkPage(): string {
  return card(
    'This link is not valid',
    html`<p>The link is unknown, was already used, or has expired. Nothing was changed.</p>`,
  );
}
