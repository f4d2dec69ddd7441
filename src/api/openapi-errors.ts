import { z } from 'zod';
import { ERROR_CODES, ERROR_STATUS, type ErrorCode } from '../domain/errors';
import type { RouteSpec } from './route';

const codesWith = (status: number) => ERROR_CODES.filter((code) => ERROR_STATUS[code] === status);

const errorSchema = (codes: readonly ErrorCode[]) =>
  z.object({
    error: z.object({
      code: z.enum(codes as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      details: z.unknown().optional(),
      requestId: z.string(),
    }),
  });

/** The one error body, any code. */
export const errorResponseSchema = errorSchema(ERROR_CODES);

export const isIdempotent = (route: RouteSpec) =>
  route.method === 'post' && route.auth !== 'none' && !route.passwordInBody;

/**
 * Every status a caller can meet on this route. Any request can be refused at the door (a control
 * character in a header or the query: 400), and any can meet an overloaded or unreachable
 * dependency (503) or a bug (500); the rest follows from the route's auth, inputs and own errors.
 */
export function errorStatusesOf(route: RouteSpec): number[] {
  const statuses = new Set<number>([400, 500, 503]);
  if (route.auth !== 'none') statuses.add(401);
  if (route.auth === 'partner') [403, 404, 429].forEach((s) => statuses.add(s));
  if (route.params) statuses.add(404);
  if (route.body) [413, 415].forEach((s) => statuses.add(s));
  if (isIdempotent(route)) [409, 422].forEach((s) => statuses.add(s));
  for (const code of route.errors ?? []) statuses.add(ERROR_STATUS[code]);
  return [...statuses].sort();
}

export const errorResponseName = (status: number) => `Error${status}`;

/** One response per error status, its `code` limited to the codes that status carries. */
export function errorResponses(toJsonSchema: (schema: z.ZodType) => object): Record<string, object> {
  const statuses = [...new Set(Object.values(ERROR_STATUS))].sort();
  return Object.fromEntries(
    statuses.map((status) => {
      const codes = codesWith(status);
      return [
        errorResponseName(status),
        {
          description: `Error: ${codes.join(', ')}`,
          content: { 'application/json': { schema: toJsonSchema(errorSchema(codes)) } },
        },
      ];
    }),
  );
}
