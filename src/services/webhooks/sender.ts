import http from 'node:http';
import https from 'node:https';
import { RESPONSE_BODY_CAP_BYTES, WEBHOOK_TIMEOUT_MS } from '../../domain/webhooks';
import type { AttemptResult } from '../../db/queries/webhook-attempts';
import { pinnedLookup } from './target';

export interface OutgoingWebhook {
  url: URL;
  /** The checked address: the connection goes there, whatever the name resolves to by now. */
  address: string;
  family: 4 | 6;
  headers: Record<string, string>;
  body: string;
}

/**
 * One POST: any 2xx succeeds, everything else (redirects included, which are not followed) fails.
 * At most WEBHOOK_TIMEOUT_MS in all, and at most RESPONSE_BODY_CAP_BYTES of the answer is read.
 */
export function postWebhook(out: OutgoingWebhook, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<AttemptResult> {
  const started = Date.now();
  const transport = out.url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: Omit<AttemptResult, 'latencyMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...r, latencyMs: Date.now() - started });
    };
    const req = transport.request(out.url, {
      method: 'POST',
      lookup: pinnedLookup(out.address, out.family),
      headers: { ...out.headers, 'content-length': String(Buffer.byteLength(out.body)) },
      agent: false,
    });
    const timer = setTimeout(() => {
      req.destroy();
      finish({ succeeded: false, httpStatus: null, error: `no answer within ${timeoutMs} ms`, responseBody: null });
    }, timeoutMs);
    req.on('error', (err) =>
      finish({ succeeded: false, httpStatus: null, error: err.message.slice(0, 500), responseBody: null }),
    );
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        const status = res.statusCode ?? 0;
        const body = Buffer.concat(chunks).subarray(0, RESPONSE_BODY_CAP_BYTES).toString('utf8');
        finish({ succeeded: status >= 200 && status < 300, httpStatus: status, error: null, responseBody: body });
        res.destroy();
      };
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= RESPONSE_BODY_CAP_BYTES) done();
      });
      res.on('end', done);
      res.on('error', done);
    });
    req.end(out.body);
  });
}
