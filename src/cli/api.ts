import { resolveAdminToken } from '../admin-token';
import { type Config, publicUrl } from '../config';

export const apiBaseUrl = (config: Config) => (process.env.MIR_API_URL ?? publicUrl(config)).replace(/\/$/, '');

export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly payload: Record<string, unknown>,
  ) {
    const error = (payload.error ?? {}) as { code?: string; message?: string };
    super(`error ${status} ${error.code ?? ''}: ${error.message ?? 'unexpected response'}`);
  }
}

/** One call to the MIR API with the admin token, the way every CLI command reaches it. */
export async function callApi(
  config: Config,
  method: string,
  path: string,
  body?: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const baseUrl = apiBaseUrl(config);
  const token = resolveAdminToken(config).token;
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(method === 'GET' ? {} : { body: JSON.stringify(body ?? {}) }),
  }).catch((err: unknown) => {
    throw new Error(`cannot reach the MIR API at ${baseUrl} (is it running?): ${(err as Error).message}`);
  });
  const payload = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new ApiCallError(res.status, payload);
  return payload;
}
