import type { NextFunction, Request, Response, Router } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import type { AppDeps } from '../context';
import { type MiraPrincipal, authenticateMira } from './auth';
import { MiraError, type MiraErrorCode, sendMiraError, toMiraError } from './errors';
import { enforceMiraRateLimit } from './rate-limit';

export const MIRA_PREFIX = '/api/v1';

export interface MiraResult {
  status: number;
  data: unknown;
  meta?: unknown;
}

export interface MiraContext<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  principal: MiraPrincipal;
  deps: AppDeps;
  db: Db;
  requestId: string;
  log: Logger;
}

export interface MiraRouteSpec<
  B extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
> {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** Under /api/v1, Express style (`/meetings/:id`). */
  path: string;
  /** Stable camelCase name for clients (verb + resource: createMeeting); unique, see docs/mira.md. */
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /** "Requires 'write' permission" in 003: a read-only key gets 403. */
  write?: boolean;
  /** Public (the OpenAPI document): no key. */
  public?: boolean;
  body?: B;
  query?: Q;
  params?: P;
  /** Success statuses; `data` is the envelope's data, `list` adds the pagination meta. */
  responses: Record<number, { description: string; data: z.ZodType; list?: boolean }>;
  /** Error codes particular to this route (conflict…), for the OpenAPI document. */
  errors?: readonly MiraErrorCode[];
  /** A realistic request body: shown in /docs, replayed by the fuzzer, sent by openapi-examples.test.ts. */
  example?: { body?: z.input<B> };
  handler: (ctx: MiraContext<z.output<B>, z.output<Q>, z.output<P>>) => Promise<MiraResult>;
}

/** Identity at runtime; lets TypeScript infer the handler's input types from the schemas. */
export function defineMiraRoute<
  B extends z.ZodType = z.ZodUnknown,
  Q extends z.ZodType = z.ZodUnknown,
  P extends z.ZodType = z.ZodUnknown,
>(spec: MiraRouteSpec<B, Q, P>): MiraRouteSpec {
  return spec as unknown as MiraRouteSpec;
}

/** A 400 that names the field first: "limit: Too big…". */
function parse(schema: z.ZodType | undefined, value: unknown, where: 'body' | 'query' | 'path'): unknown {
  if (!schema) return value;
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || where;
  throw new MiraError('validation_error', `${field}: ${issue?.message ?? 'invalid'} (in ${where})`);
}

async function handle(route: MiraRouteSpec, deps: AppDeps, req: Request, res: Response): Promise<MiraResult> {
  const principal = route.public ? null : await authenticateMira(req, deps);
  if (principal) await enforceMiraRateLimit(deps, principal, res);
  if (principal && route.write && !principal.canWrite) {
    throw new MiraError('forbidden', "This route requires the 'write' permission; this key is read-only");
  }
  // Path first: an unknown id in a malformed shape is a 404 question only once it is well formed.
  const params = parse(route.params, req.params, 'path');
  const query = route.query ? parse(route.query, req.query, 'query') : {};
  const body = parse(route.body, req.body, 'body');
  return route.handler({
    body,
    query,
    params,
    principal: principal as MiraPrincipal,
    deps,
    db: deps.database.db,
    requestId: req.id,
    get log() {
      return req.log;
    },
  });
}

export const miraPath = (route: Pick<MiraRouteSpec, 'path'>) => `${MIRA_PREFIX}${route.path}`;

/**
 * Mira's pipeline beside MIR's: authenticate the Bearer key, count it against its rate limit, check `write`, validate with zod, run
 * the handler, answer `{ data, error: null, meta }`. Every error is `{ data: null, error, meta: null }`.
 * Handlers commit their own statements; the answer is bounded like MIR's (MIR_RESPONSE_TIMEOUT_MS)
 * and their Temporal calls share MIR_TEMPORAL_CALL_TIMEOUT_MS.
 */
export function mountMiraRoutes(router: Router, routes: MiraRouteSpec[], deps: AppDeps): void {
  const timeoutMs = deps.config.MIR_RESPONSE_TIMEOUT_MS;
  const temporalMs = deps.config.MIR_TEMPORAL_CALL_TIMEOUT_MS;
  for (const route of routes) {
    router[route.method](miraPath(route), async (req: Request, res: Response, _next: NextFunction) => {
      const timer = setTimeout(() => {
        if (!res.headersSent)
          sendMiraError(
            req,
            res,
            new MiraError('service_unavailable', `No answer within ${timeoutMs} ms; retry shortly`),
          );
      }, timeoutMs);
      try {
        const result = await deps.temporal.withDeadline(Date.now() + temporalMs, () => handle(route, deps, req, res));
        if (res.headersSent) return;
        res.status(result.status).json({ data: result.data, error: null, meta: result.meta ?? null });
      } catch (err) {
        sendMiraError(req, res, toMiraError(err), err);
      } finally {
        clearTimeout(timer);
      }
    });
  }
}
