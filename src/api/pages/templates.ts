/**
 * Server-rendered HTML for the person-facing pages. Every interpolated value goes through the
 * `html` tag, which escapes it unless it is already rendered markup: partner names and emails are
 * other people's input and must never become markup.
 */

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

type Interpolation = SafeHtml | string | number | null | undefined | false | Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f5f7;color:#1b1d21}
main{max-width:30rem;margin:0 auto;padding:1.25rem 1rem 2.5rem}
main.wide{max-width:64rem}
.brand{font-weight:700;letter-spacing:.08em;color:#4a4f5a;font-size:.85rem;margin:0 0 1rem}
.card{background:#fff;border-radius:12px;padding:1.25rem;margin:0 0 1rem;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h1{font-size:1.4rem;line-height:1.3;margin:0 0 .75rem}
h2{font-size:1.05rem;margin:0 0 .5rem}
p{margin:0 0 .75rem}
ul{margin:0 0 .75rem;padding-left:1.2rem}
.partner{overflow-wrap:anywhere}
.muted{color:#5b616e;font-size:.9rem}
.notice{background:#e8f4ec;border:1px solid #b7dcc3;border-radius:8px;padding:.6rem .8rem}
.error{background:#fdecec;border:1px solid #f2b8b8;border-radius:8px;padding:.6rem .8rem}
label{display:block;font-weight:600;font-size:.9rem;margin:.6rem 0 .25rem}
input[type=email],input[type=password]{width:100%;font:inherit;padding:.7rem .75rem;border:1px solid #c5c9d1;border-radius:8px}
button,.button{display:block;width:100%;font:inherit;font-weight:600;text-align:center;text-decoration:none;padding:.8rem 1rem;margin:.75rem 0 0;border-radius:8px;border:1px solid #1f5fd1;background:#1f5fd1;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1f5fd1}
button.danger{background:#fff;color:#b3261e;border-color:#d9a19d}
button.link{background:none;border:none;color:#1f5fd1;padding:.3rem 0;width:auto;font-weight:400;text-decoration:underline}
form.inline{margin:0}
`;

/** `wide` for the console's tables and tree; `refreshSeconds` reloads a page showing progress, without JavaScript. */
export function layout(title: string, body: SafeHtml, opts: { wide?: boolean; refreshSeconds?: number } = {}): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        ${opts.refreshSeconds ? html`<meta http-equiv="refresh" content="${opts.refreshSeconds}" />` : ''}
        <title>${title} · MIR</title>
        <style>
          ${new SafeHtml(STYLE)}
        </style>
      </head>
      <body>
        <main class="${opts.wide ? 'wide' : ''}">
          <p class="brand">MIR</p>
          ${body}
        </main>
      </body>
    </html> `.value;
}

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
        ${hidden(view.csrf)}
        <label for="login-email">Email</label>
        <input id="login-email" name="email" type="email" autocomplete="username" required maxlength="254" />
        <label for="login-password">Password</label>
        <input
          id="login-password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          maxlength="200"
        />
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

/** A field for a password being chosen: the same rules on sign-up and on reset. */
export function newPasswordInput(id: string, label: string) {
  return html`<label for="${id}">${label}</label>
    <input
      id="${id}"
      name="password"
      type="password"
      autocomplete="new-password"
      required
      minlength="10"
      maxlength="200"
    />`;
}

/** One page per way an invite or request can fail; wording differs so the person knows what to do. */
export type ProblemKind =
  | 'unknown'
  | 'expired'
  | 'used'
  | 'csrf'
  | 'already_linked'
  | 'account_closing'
  | 'unavailable'
  | 'busy'
  | 'bad_request'
  | 'method'
  | 'too_large'
  | 'internal';

const PROBLEMS: Record<ProblemKind, { status: number; title: string; text: string }> = {
  method: {
    status: 405,
    title: 'This page does not do that',
    text: 'Open the link from the partner again and use the buttons on the page.',
  },
  unknown: {
    status: 404,
    title: 'This link is not valid',
    text: 'We could not find this link. Check that you opened the whole address, or ask the partner for a new invite.',
  },
  expired: {
    status: 410,
    title: 'This link has expired',
    text: 'The invite is no longer valid and nothing was linked. Ask the partner to send you a new invite.',
  },
  used: {
    status: 410,
    title: 'This link has already been used',
    text: 'This invite was already confirmed or declined, so it cannot be used again. If that was not you, ask the partner for a new invite.',
  },
  csrf: {
    status: 403,
    title: 'Please try again',
    text: 'This form was out of date or did not come from this page, so nothing was done. Open the link again and retry.',
  },
  already_linked: {
    status: 409,
    title: 'Already linked',
    text: 'Your MIR account is already linked to this partner, or this partner account is linked to another MIR account. Nothing was changed.',
  },
  account_closing: {
    status: 409,
    title: 'Your account is being erased',
    text: 'You asked for your MIR account to be erased, so it cannot be linked. Log in again to cancel the erasure, then open this link again.',
  },
  unavailable: {
    status: 503,
    title: 'Linking is unavailable right now',
    text: 'Nothing was changed. Please try again in a minute.',
  },
  busy: {
    status: 503,
    title: 'MIR cannot answer right now',
    text: 'Please try again in a minute.',
  },
  bad_request: {
    status: 400,
    title: 'Something was wrong with that request',
    text: 'Nothing was done. Open the link again and retry.',
  },
  too_large: {
    status: 413,
    title: 'That form was too large',
    text: 'Nothing was done. Open the link again and retry.',
  },
  internal: {
    status: 500,
    title: 'Something went wrong',
    text: 'Nothing was changed on our side that you need to undo. Please try again later.',
  },
};

export function problemPage(kind: ProblemKind, backTo?: string): { status: number; html: string } {
  const problem = PROBLEMS[kind];
  return {
    status: problem.status,
    html: layout(
      problem.title,
      html`<section class="card">
        <h1>${problem.title}</h1>
        <p>${problem.text}</p>
        ${backTo ? html`<p><a class="button" href="${backTo}">Back to the invite</a></p>` : ''}
      </section>`,
    ),
  };
}
