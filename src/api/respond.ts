import type { ServerResponse } from 'node:http';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * What Express's `res.status(s).json(body)` sends (the same Content-Type, Content-Length and
 * bodiless 204/304), without its charset parsing and header lookups: every JSON answer of the API
 * goes through here, so those were paid on every request.
 */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  if (status === 204 || status === 304) {
    res.removeHeader('Content-Type');
    res.removeHeader('Content-Length');
    res.removeHeader('Transfer-Encoding');
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.setHeader('Content-Type', JSON_TYPE);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  // Node writes no body for a HEAD request, as Express's send does not either.
  res.end(text);
}
