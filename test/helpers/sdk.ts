import { type MirClientOptions, createMiraClient, createMirClient } from '@mir/client';
import { testEnv } from './env';

/**
 * Sends once more when the kept-alive connection was closed by the API before any answer, as the
 * http helper's fetchFresh does (the SDK retries answers, not a connection that never carried one).
 */
export const stackFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  try {
    return await fetch(request.clone());
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code !== 'UND_ERR_SOCKET' || !/other side closed/.test(cause.message ?? '')) throw err;
    return fetch(request);
  }
};

type Extra = Partial<MirClientOptions>;

/** The SDK as a partner uses it, against the test stack (or `baseUrl`). */
export const mirClient = (apiKey: string, extra: Extra = {}) =>
  createMirClient({ baseUrl: testEnv().apiUrl, apiKey, fetch: stackFetch, ...extra });

/** The SDK with the operator's admin token. */
export const adminClient = (extra: Extra = {}) =>
  createMirClient({ baseUrl: testEnv().apiUrl, adminToken: testEnv().adminToken, fetch: stackFetch, ...extra });

export const miraClient = (apiKey: string, baseUrl = testEnv().apiUrl) =>
  createMiraClient({ baseUrl, apiKey, fetch: stackFetch });

/**
 * An SDK answer as the http helper gives one (status, headers, body: the data or the error), for
 * tests written against that shape; a call that got no answer at all throws its error.
 */
export async function asHttp<T = any>(call: Promise<{ data?: unknown; error?: unknown; response?: Response }>) {
  const { data, error, response } = await call;
  if (!response) throw error;
  const body = (data ?? error) as T;
  return { status: response.status, headers: response.headers, body, text: JSON.stringify(body) };
}
