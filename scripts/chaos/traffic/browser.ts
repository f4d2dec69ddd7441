import type { Answer } from '../client';
import { type Flow, answered } from './context';

/**
 * A person's browser on the invite page, in miniature (as test/helpers/page-client.ts): keeps
 * cookies, posts urlencoded forms with the page's CSRF field, follows no redirect. Its requests
 * go through the chaos client like every other, retried as a person reloading would.
 */
export class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly flow: Flow) {}

  private remember(answer: Answer) {
    const set = answer.headers['set-cookie'];
    for (const line of Array.isArray(set) ? set : set ? [set] : []) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      if (/max-age=0/i.test(line)) this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }

  private headers() {
    return { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'sec-fetch-site': 'same-origin' };
  }

  async get(op: string, path: string): Promise<Answer> {
    const answer = await answered(this.flow, { op, method: 'GET', path, headers: this.headers() });
    this.remember(answer);
    return answer;
  }

  async post(
    op: string,
    path: string,
    page: Answer,
    fields: Record<string, string> = {},
    sent?: Record<string, unknown>,
  ) {
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const answer = await answered(this.flow, {
      op,
      method: 'POST',
      path,
      headers: this.headers(),
      form: { csrf, ...fields },
      sent,
    });
    this.remember(answer);
    return answer;
  }
}
