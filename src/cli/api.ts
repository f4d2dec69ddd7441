import { type MirClient, createMirClient } from '@mir/client';
import { resolveAdminToken } from '../admin-token';
import { type Config, publicUrl } from '../config';
import type { Command } from './commands';

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

/** The MIR API through the SDK, with the admin token: the way every CLI command reaches it. */
export function adminApi(config: Config): MirClient {
  return createMirClient({ baseUrl: apiBaseUrl(config), adminToken: resolveAdminToken(config).token });
}

type Answer<T> = { data?: T; error?: unknown; response?: Response };

/** An operation's data; its error as ApiCallError; no answer at all says which API it tried. */
export async function answerOf<T>(config: Config, call: Promise<Answer<T>>): Promise<NonNullable<T>> {
  const { data, error, response } = await call.catch((err: unknown) => {
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(`cannot reach the MIR API at ${apiBaseUrl(config)} (is it running?): ${why}`);
  });
  if (!response?.ok) {
    const payload = typeof error === 'object' && error !== null ? error : {};
    throw new ApiCallError(response?.status ?? 0, payload as Record<string, unknown>);
  }
  return data as NonNullable<T>;
}

/** A command of commands.ts, sent: its operation called with its options. */
export function send(config: Config, command: Command): Promise<Record<string, unknown>> {
  const operation = adminApi(config)[command.operation] as (options: unknown) => Promise<Answer<object>>;
  return answerOf(config, operation(command.options)) as Promise<Record<string, unknown>>;
}
