import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { testEnv } from './env';

export interface HttpResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  body?: unknown;
  /** Sent as-is, for malformed-input tests. */
  rawBody?: string | Buffer;
  baseUrl?: string;
  /** Aborts the request (for a test that a server answers within a bound). */
  signal?: AbortSignal;
}

/**
 * fetch, sent once more when the kept-alive connection it picked was closed by the API before any
 * answer ("other side closed"): the API ends an idle connection after 5 s, and on a loaded machine
 * the client can pick that connection in the same instant, before the request reached the API.
 */
export async function fetchFresh(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code !== 'UND_ERR_SOCKET' || !/other side closed/.test(cause.message ?? '')) throw err;
    return fetch(url, init);
  }
}

export async function http<T = any>(method: string, path: string, opts: RequestOptions = {}): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  let body: string | Buffer | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetchFresh(`${opts.baseUrl ?? testEnv().apiUrl}${path}`, {
    method,
    headers,
    body,
    signal: opts.signal,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Non-JSON answers (HTML docs) stay as text.
  }
  recordExample(method, path, opts, res.status, parsed);
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}

/**
 * `MIR_RECORD_EXAMPLES=<folder> npx jest test/integration` keeps every JSON request the suite made
 * that succeeded, with its answer: `npm run examples:record` picks one per operation for /openapi.json.
 */
function recordExample(method: string, path: string, opts: RequestOptions, status: number, body: unknown) {
  const folder = process.env.MIR_RECORD_EXAMPLES;
  if (!folder || status >= 300 || opts.rawBody !== undefined || opts.baseUrl !== undefined) return;
  const line = JSON.stringify({ at: Date.now(), method: method.toLowerCase(), path, status, request: opts.body, response: body });
  appendFileSync(`${folder}/${process.pid}.jsonl`, `${line}\n`);
}

export const adminHeaders = (token = testEnv().adminToken) => ({ authorization: `Bearer ${token}` });

export async function createOrg(name = `Org ${Date.now()}`, plan: 'standard' | 'enterprise' = 'enterprise') {
  const res = await http('POST', '/admin/organizations', { headers: adminHeaders(), body: { name, plan } });
  if (res.status !== 201) throw new Error(`creating an org failed: ${res.status} ${res.text}`);
  return res.body as { id: string; name: string; plan: string; apiKey: string };
}

/**
 * POST JSON from a chosen loopback address (127.0.0.0/8 is all loopback on Linux), so a test
 * of per-IP throttling has an address of its own and is not counted with the rest of the run.
 */
export async function postFrom(
  localAddress: string,
  path: string,
  body: unknown,
  opts: { headers?: Record<string, string>; baseUrl?: string } = {},
) {
  const { request } = await import('node:http');
  const url = new URL(`${opts.baseUrl ?? testEnv().apiUrl}${path}`);
  const payload = JSON.stringify(body);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: any }>(
    (resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          localAddress,
          headers: {
            ...opts.headers,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += String(d)));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : undefined }),
          );
        },
      );
      req.on('error', reject);
      req.end(payload);
    },
  );
}

/**
 * A loopback address no other test of this run uses. The counter lives in a file per worker
 * process, not in this module: a jest worker runs many test files, each with a fresh copy of this
 * module, and addresses reused across files would carry one file's throttle counts into the next.
 */
export function freshLoopback(): string {
  const file = path.join(testEnv().root, `loopback-${process.pid}`);
  const n = existsSync(file) ? Number(readFileSync(file, 'utf8')) : 0;
  writeFileSync(file, String(n + 1));
  return `127.${(process.pid % 250) + 1}.${Math.floor(n / 250) % 250}.${(n % 250) + 2}`;
}
