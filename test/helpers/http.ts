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
}

export async function http<T = any>(method: string, path: string, opts: RequestOptions = {}): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  let body: string | Buffer | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${opts.baseUrl ?? testEnv().apiUrl}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Non-JSON answers (HTML docs) stay as text.
  }
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}

export const adminHeaders = (token = testEnv().adminToken) => ({ authorization: `Bearer ${token}` });

export async function createOrg(name = `Org ${Date.now()}`, plan: 'standard' | 'enterprise' = 'enterprise') {
  const res = await http('POST', '/admin/organizations', { headers: adminHeaders(), body: { name, plan } });
  if (res.status !== 201) throw new Error(`creating an org failed: ${res.status} ${res.text}`);
  return res.body as { id: string; name: string; plan: string; apiKey: string };
}
