/**
 * One request through a route: authenticate, authorize, rate limit, parse the input, then the
 * Idempotency-Key layer and the handler.
 */
import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { AppDeps } from './context';
import { ApiError } from '../domain/errors';
import {
  idempotencyKeyOf,
  idempotencyScope,
  requestFingerprint,
  runInAnswerTransaction,
  runReserved,
} from './idempotency';
import { authorize } from '../domain/authorize';
import { authenticateAdmin, authenticatePartner } from './middleware/auth';
import { authenticateUser } from './middleware/user-auth';
import { enforceRateLimit } from './rate-limit';
import type { RouteResult, RouteSpec } from './route';
import { Context } from './handler-context';

/** The one shape of a validation failure: every issue with where it is and the field path. */
export function validationError(error: z.ZodError, where: string): ApiError {
  const details = error.issues.map((i) => ({ in: where, path: i.path.join('.'), message: i.message }));
  return new ApiError(
    'validation_failed',
    `Invalid request ${where}: ${details[0]?.path || where} ${details[0]?.message ?? ''}`.trim(),
    details,
  );
}

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): unknown {
  if (!schema) return value;
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (result.success) return result.data;
  throw validationError(result.error, where);
}

/** Express parses the URL again for req.query; most requests have no query string to parse. */
const queryOf = (req: Request): unknown => (req.url.includes('?') ? req.query : {});

export async function handle(
  route: RouteSpec,
  deps: AppDeps,
  handlerDeps: AppDeps,
  req: Request,
  res: Response,
): Promise<RouteResult | undefined> {
  const principal =
    route.auth === 'partner'
      ? await authenticatePartner(req, deps)
      : route.auth === 'admin'
        ? authenticateAdmin(req, deps)
        : route.auth === 'user'
          ? await authenticateUser(req, deps)
          : null;
  if (principal?.kind === 'partner') {
    authorize(principal, route.access ?? {});
    await enforceRateLimit(deps, principal, res);
  }
  const ctx = new Context(
    parse(route.body, req.body, 'body'),
    route.query ? parse(route.query, queryOf(req), 'query') : {},
    parse(route.params, req.params, 'path'),
    principal,
    handlerDeps,
    deps.database.db,
    req,
    res,
  );
  if (!route.gate) return answer(route, deps, ctx, req, res);
  const gone = () => res.headersSent || req.socket.destroyed;
  return route.gate.of(deps).run(route.gate.units(ctx.body), gone, () => answer(route, deps, ctx, req, res));
}

async function answer(
  route: RouteSpec,
  deps: AppDeps,
  ctx: Context,
  req: Request,
  res: Response,
): Promise<RouteResult | undefined> {
  const { principal } = ctx;
  const key = route.method === 'post' && principal && !route.passwordInBody ? idempotencyKeyOf(req) : null;
  if (!key && route.method === 'post' && principal?.kind === 'partner' && principal.agent?.requireIdempotency) {
    throw new ApiError('idempotency_key_required', 'This agent must send an Idempotency-Key header on every POST');
  }
  if (!key || !principal) {
    const answer = await route.handler(ctx as never);
    for (const fn of ctx.committed) fn(deps);
    return answer;
  }
  const opts = {
    scope: idempotencyScope(principal),
    key,
    fingerprint: requestFingerprint(req),
    secretFields: route.secretFields ?? [],
  };
  const answered = (answer: RouteResult | undefined): RouteResult => {
    if (!answer) throw new Error(`${route.path} wrote its own response; it cannot be idempotent`);
    return answer;
  };
  const result = route.ownTransactions
    ? await runReserved(
        deps.database.db,
        { ...opts, leaseMs: 2 * deps.config.MIR_RESPONSE_TIMEOUT_MS, log: req.log },
        async () => answered(await route.handler(ctx as never)),
      )
    : await runInAnswerTransaction(deps.database.db, opts, async (tx) =>
        answered(await route.handler(ctx.within(tx) as never)),
      );
  for (const fn of ctx.committed) fn(deps);
  if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
  return { status: result.status, body: result.body };
}
