import { keyHeaders } from './events';
import { http } from './http';

/** GET /policy/decisions until at least `count` are there: the log is written off the request path. */
export async function waitForDecisions(key: string, query: string, count: number) {
  for (let i = 0; i < 80; i += 1) {
    const res = await http('GET', `/policy/decisions${query}`, { headers: keyHeaders(key) });
    if (res.body.decisions?.length >= count) return res;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('decisions did not appear');
}
