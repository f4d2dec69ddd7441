import { SafeHtml, html } from './html';

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

/** The email and password fields of a login form (the invite page's and the account page's). */
export function loginInputs() {
  return html`<label for="login-email">Email</label>
    <input id="login-email" name="email" type="email" autocomplete="username" required maxlength="254" />
    <label for="login-password">Password</label>
    <input
      id="login-password"
      name="password"
      type="password"
      autocomplete="current-password"
      required
      maxlength="200"
    />`;
}
