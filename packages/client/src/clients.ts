import { type Client as MiraHttpClient, createClient as createMiraHttpClient } from './generated/mira/client';
import * as miraOperations from './generated/mira/sdk.gen';
import { type Client as MirHttpClient, createClient as createMirHttpClient } from './generated/mir/client';
import * as mirOperations from './generated/mir/sdk.gen';
import { type ClientOptions, resilientFetch } from './fetch';

type Operations<S> = { [K in keyof S as S[K] extends (...args: never[]) => unknown ? K : never]: S[K] };

/**
 * Every generated operation, sent through this client (each may still name another in `client`).
 * A call that got no answer at all (the network, a URL that cannot be built) rejects with its
 * error, so `error` is only ever the API's own answer.
 */
function bind<S extends object>(operations: S, client: MirHttpClient | MiraHttpClient): Operations<S> {
  client.interceptors.error.use((error, response) => {
    if (!response) throw error;
    return error;
  });
  const bound: Record<string, unknown> = {};
  for (const [name, operation] of Object.entries(operations)) {
    if (typeof operation !== 'function') continue;
    bound[name] = (options?: object) => (operation as (o: object) => unknown)({ client, ...options });
  }
  return bound as Operations<S>;
}

export interface MirClientOptions extends ClientOptions {
  /** A partner or agent key (`mir_live_…`), sent as `x-api-key`. */
  apiKey?: string;
  /** The operator's admin token, for the /admin operations (sent as `Authorization: Bearer`). */
  adminToken?: string;
}

/** The MIR API's operations, named by their operationId: `await mir.createEvent({ body })`. */
export type MirClient = Operations<typeof mirOperations> & { client: MirHttpClient };

/**
 * A MIR client: each operation answers `{ data, error, response }`, `data` typed by the operation's
 * success and `error` by the error codes it documents (the one `{ error: { code, message, … } }`
 * shape). Writes get an Idempotency-Key; 429 and 503 are retried after their Retry-After.
 */
export function createMirClient(options: MirClientOptions): MirClient {
  const headers: Record<string, string> = {
    ...(options.apiKey ? { 'x-api-key': options.apiKey } : {}),
    ...(options.adminToken ? { authorization: `Bearer ${options.adminToken}` } : {}),
  };
  const client = createMirHttpClient({ baseUrl: options.baseUrl, fetch: resilientFetch(headers, options) });
  return { ...bind(mirOperations, client), client };
}

export interface MiraClientOptions extends ClientOptions {
  /** A Mira organisation's key (`mira_live_…`), sent as `Authorization: Bearer`. */
  apiKey?: string;
}

/** Mira's operations, named by their operationId: `await mira.createMeeting({ body })`. */
export type MiraClient = Operations<typeof miraOperations> & { client: MiraHttpClient };

/** A Mira client, the same way: answers in Mira's `{ data, error, meta }` envelope, typed per operation. */
export function createMiraClient(options: MiraClientOptions): MiraClient {
  const headers: Record<string, string> = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {};
  const client = createMiraHttpClient({ baseUrl: options.baseUrl, fetch: resilientFetch(headers, options) });
  return { ...bind(miraOperations, client), client };
}
