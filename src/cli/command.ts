import type { MirClient } from '@mir/client';

type Operation = Exclude<keyof MirClient, 'client'>;

/** One admin-API operation of the SDK, by its operationId, with its options; `describe` prints its answer. */
export interface Command<K extends Operation = Operation> {
  operation: K;
  options: Parameters<MirClient[K]>[0];
  describe: (result: Record<string, unknown>) => string[];
}

export const command = <K extends Operation>(
  operation: K,
  options: Parameters<MirClient[K]>[0],
  describe: Command['describe'],
): Command => ({ operation, options, describe }) as Command;

export class UsageError extends Error {}

export function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value;
}
