import { z } from 'zod';
import { ERROR_CODES, ERROR_STATUS, type ErrorCode } from '../domain/errors';
import type { RouteSpec } from './route';

/** The `details` of the codes that carry a known shape; other codes' details are free-form. */
const bound = z.looseObject({ bound: z.string(), retryAfterSeconds: z.number() });
const DETAILS: Partial<Record<ErrorCode, z.ZodType>> = {
  validation_failed: z.array(
    z.looseObject({
      in: z.string().optional().describe('path, query, header or body (or the item of a bulk request)'),
      path: z.string().describe('dotted field path, empty for the whole input'),
      message: z.string(),
    }),
  ),
  role_required: z.looseObject({ required: z.array(z.string()), role: z.string().nullable().optional() }),
  permission_denied: z.looseObject({ missing: z.string() }),
  rate_limited: z.looseObject({ limit: z.number(), retryAfterSeconds: z.number() }),
  too_many_attempts: z.looseObject({ retryAfterSeconds: z.number() }),
  overloaded: bound,
  timeout: bound,
};

const variant = (code: z.ZodType, details: z.ZodType) =>
  z.object({ code, message: z.string(), details: details.optional(), requestId: z.string() });

/** The one error body, limited to these codes, each typed `details` under its own code. */
function errorSchema(codes: readonly ErrorCode[]) {
  const plain = codes.filter((c) => !DETAILS[c]);
  const typed = codes.filter((c) => DETAILS[c]).map((c) => variant(z.literal(c), DETAILS[c]!));
  const all = [...(plain.length ? [variant(z.enum(plain as [ErrorCode, ...ErrorCode[]]), z.unknown())] : []), ...typed];
  return z.object({ error: all.length === 1 ? all[0]! : z.union(all as unknown as [z.ZodType, z.ZodType]) });
}

/** The one error body, any code. */
export const errorResponseSchema = errorSchema(ERROR_CODES);

export const isIdempotent = (route: RouteSpec) =>
  route.method === 'post' && route.auth !== 'none' && !route.passwordInBody;

/**
 * Any request can be refused at the door (a control character in a header or the query), meet a
 * bound (overloaded, timeout) or a bug.
 */
const DOOR: ErrorCode[] = ['validation_failed', 'internal_error', 'overloaded', 'timeout'];
const BODY: ErrorCode[] = ['invalid_json', 'validation_failed', 'payload_too_large', 'unsupported_media_type'];
/** A partner key, an agent, or a member's session with X-MIR-Org (middleware/auth, member-auth). */
const PARTNER: ErrorCode[] = [
  'unauthorized',
  'agent_suspended',
  'agent_revoked',
  'agent_pending_approval',
  'ancestor_inactive',
  'organization_required',
  'organization_not_found',
  'forbidden',
  'rate_limited',
];

/** What src/domain/authorize.ts can refuse under this route's access rule. */
function accessCodes(route: RouteSpec): ErrorCode[] {
  const rule = route.access ?? {};
  return [
    ...(rule.plan ? ['plan_required' as const] : []),
    ...(rule.exemptFromAgentAuth ? [] : ['agent_auth_required' as const]),
    ...(rule.agentKeyOnly ? ['agent_key_required' as const] : []),
    ...(rule.roles ? ['role_required' as const] : []),
    ...(rule.permission ? ['permission_denied' as const] : []),
  ];
}

/** Every code a caller can meet on this route: the door's, its auth's, its inputs' and its own. */
export function errorCodesOf(route: RouteSpec): ErrorCode[] {
  const codes = new Set<ErrorCode>(DOOR);
  if (route.auth !== 'none') codes.add('unauthorized');
  if (route.auth === 'partner') [...PARTNER, ...accessCodes(route)].forEach((c) => codes.add(c));
  if (route.body) BODY.forEach((c) => codes.add(c));
  if (isIdempotent(route)) {
    ['idempotency_request_in_progress', 'idempotency_key_reused'].forEach((c) => codes.add(c as ErrorCode));
    if (route.auth === 'partner') codes.add('idempotency_key_required');
  }
  for (const code of route.errors ?? []) codes.add(code);
  return ERROR_CODES.filter((c) => codes.has(c));
}

/** One response per status this route can answer, its `code` limited to the codes it can answer there. */
export function errorResponsesOf(route: RouteSpec, toJsonSchema: (schema: z.ZodType) => object) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodesOf(route))
    byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  return Object.fromEntries(
    [...byStatus]
      .sort(([a], [b]) => a - b)
      .map(([status, codes]) => [
        String(status),
        {
          description: `Error: ${codes.join(', ')}`,
          content: { 'application/json': { schema: toJsonSchema(errorSchema(codes)) } },
        },
      ]),
  );
}
