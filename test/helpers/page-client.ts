import { fetchFresh } from './http';
import { testEnv } from './env';

export interface PageResult {
  status: number;
  headers: Headers;
  html: string;
  location: string | null;
}

/**
 * A browser in miniature for the HTML pages: keeps cookies (name → value, ignoring path and
 * expiry beyond Max-Age=0), posts urlencoded forms and does not follow redirects, so tests see
 * every 303.
 */
export class PageClient {
  readonly cookies = new Map<string, string>();
  /** Every Set-Cookie header seen, for asserting attributes. */
  readonly setCookies: string[] = [];

  constructor(readonly baseUrl = testEnv().apiUrl) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(
    method: string,
    path: string,
    opts: { form?: Record<string, string>; rawBody?: string; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...opts.headers };
    if (this.cookies.size > 0) headers.cookie = this.cookieHeader();
    let body: string | undefined = opts.rawBody;
    if (opts.form) {
      body = new URLSearchParams(opts.form).toString();
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
    }
    const res = await fetchFresh(`${this.baseUrl}${path}`, { method, headers, body, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      this.setCookies.push(line);
      const [pair = '', ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      if (attrs.some((a) => /^max-age=0$/i.test(a))) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1));
    }
    return { status: res.status, headers: res.headers, html: await res.text(), location: res.headers.get('location') };
  }

  get(path: string, headers?: Record<string, string>): Promise<PageResult> {
    return this.request('GET', path, { headers });
  }

  post(path: string, form: Record<string, string>, headers?: Record<string, string>): Promise<PageResult> {
    return this.request('POST', path, { form, headers });
  }

  /** Posts a page's form the way a browser would: with the page's CSRF field. */
  async submit(path: string, page: PageResult, fields: Record<string, string> = {}): Promise<PageResult> {
    return this.post(path, { csrf: csrfOf(page), ...fields });
  }
}

export function csrfOf(page: PageResult): string {
  const match = /name="csrf" value="([^"]+)"/.exec(page.html);
  if (!match) throw new Error(`no CSRF field on the page (status ${page.status})`);
  return match[1]!;
}

/** The path of an inviteUrl (its host is PUBLIC_URL, tests talk to testEnv().apiUrl). */
export const pathOf = (inviteUrl: string) => new URL(inviteUrl).pathname;
