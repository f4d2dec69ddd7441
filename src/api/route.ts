import type { NextFunction, Request, Response, Router } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Executor } from '../db/client';
import type { AppDeps } from './context';
import type { AdminPrincipal, PartnerPrincipal, UserPrincipal } from '../domain/principals';
import { ApiError, type ErrorCode } from '../domain/errors';
import { BoundExceeded } from '../domain/bounds';
import {
  idempotencyKeyOf,
  idempotencyScope,
  requestFingerprint,
  runInAnswerTransaction,
  runReserved,
} from './idempotency';
import { sendError } from './middleware/errors';
import { sendJson } from './respond';
import type { ExactRoute } from './fast-dispatch';
import { type AccessRule, authorize } from '../domain/authorize';
import { authenticateAdmin, authenticatePartner } from './middleware/auth';
import { authenticateUser } from './middleware/user-auth';
import type { WriteGate } from '../services/write-gate';
import { enforceRateLimit } from './rate-limit';
import { assertSecretsDeclared } from './secret-fields';

export type AuthMode = 'none' | 'admin' | 'partner' | 'user';
type PrincipalFor<A extends AuthMode> = A extends 'partner'
  ? PartnerPrincipal
  : A extends 'admin'
    ? AdminPrincipal
    : A extends 'user'
      ? UserPrincipal
      : null;

export interface RouteResult {
  status: number;
  body?: unknown;
}

export interface HandlerContext<B, Q, P, A extends AuthMode> {
  body: B;
  query: Q;
  params: P;
  principal: PrincipalFor<A>;
  /** Without `ownTransactions`, deps.database and deps.temporal throw: use `db`. */
  deps: AppDeps;
  /** Use this, not deps.database: under an Idempotency-Key it is the transaction that stores the answer. */
  db: Executor;
  /** True when `db` is that transaction: the answer commits with whatever is written through it. */
  atomic: boolean;
  /**
   * Runs once what the handler wrote has committed, before the answer is sent (cache flushes, mail
   * sends). It gets the deps unguarded: the transaction is over, the pool may be used again.
   */
  onCommit(fn: (deps: AppDeps) => void): void;
  requestId: string;
  log: Logger;
  req: Request;
  res: Response;
}

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
}

export interface RouteSpec<
  B extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
  A extends AuthMode = AuthMode,
> {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  /** Stable camelCase name for clients (verb + resource: createEvent, rotateAgentKey); unique, see docs/api.md. */
  operationId: string;
  summary: string;
  /** What a partner needs to know beyond the summary: effects, limits, what to do next. */
  description?: string;
  tags: string[];
  auth: A;
  /** Also served under /v1, as the documents call it both ways. */
  versioned?: boolean;
  /** Plan, role and permission the caller needs (partner routes); enforced before the body is read. */
  access?: AccessRule;
  /**
   * The handler commits its own transactions or calls Temporal (it uses deps.database or
   * deps.temporal). It then never runs inside a transaction: under an Idempotency-Key the key is
   * reserved first and the answer stored after, and its Temporal calls share one deadline.
   */
  ownTransactions?: boolean;
  /**
   * Answer fields shown once (keys, secrets, codes), as dotted paths (`key.apiKey`): an idempotent
   * replay answers them as null and the stored answer never holds them. A POST route whose answer
   * has a secret-looking field it does not list here is refused when mounted (secret-fields.ts).
   */
  secretFields?: readonly string[];
  /**
   * The body holds the person's password: Idempotency-Key is not read, as its fingerprint (a fast
   * hash of the body) would keep what argon2 protects. Such a route must be repeatable as it is.
   */
  passwordInBody?: boolean;
  /**
   * A large write that waits for its turn in the process (WriteGate) before its transaction
   * begins, counted in `units` (events) against the gate's bound.
   */
  gate?: { of: (deps: AppDeps) => WriteGate; units: (body: z.output<B>) => number };
  body?: B;
  query?: Q;
  params?: P;
  /** Error statuses are documented from the shared error schema; list only successes here. */
  responses: Record<number, ResponseSpec>;
  /** Errors particular to this route (a conflict, a missing resource named in the body…), for /openapi.json. */
  errors?: readonly ErrorCode[];
  /**
   * A realistic request body and success answer: shown in /docs, replayed by the fuzzer (examples
   * phase); openapi-examples.test.ts parses each with its schema and sends the bodies for real.
   */
  example?: { body?: z.input<B>; response?: unknown };
  /** Returns the JSON answer, or undefined when it wrote the response itself (HTML pages). */
  handler: (ctx: HandlerContext<z.output<B>, z.output<Q>, z.output<P>, A>) => Promise<RouteResult | undefined>;
}

/** Identity at runtime; exists so TypeScript infers the handler's input types from the schemas. */
export function defineRoute<
  B extends z.ZodType = z.ZodUnknown,
  Q extends z.ZodType = z.ZodUnknown,
  P extends z.ZodType = z.ZodUnknown,
  A extends AuthMode = AuthMode,
>(spec: RouteSpec<B, Q, P, A>): RouteSpec {
  return spec as unknown as RouteSpec;
}

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

export function routePaths(route: RouteSpec): string[] {
  return route.versioned ? [route.path, `/v1${route.path}`] : [route.path];
}

/**
 * A handler's context. A class rather than an object literal so that `log` is a getter on the
 * prototype: the request's child logger is built only if the handler logs, and no getter is made
 * per request.
 */
class Context {
  constructor(
    readonly body: unknown,
    readonly query: unknown,
    readonly params: unknown,
    readonly principal: PartnerPrincipal | AdminPrincipal | UserPrincipal | null,
    readonly deps: AppDeps,
    readonly db: Executor,
    readonly req: Request,
    readonly res: Response,
    readonly atomic = false,
    readonly committed: ((deps: AppDeps) => void)[] = [],
  ) {}

  /** A property, not a method: handlers destructure it from their context. */
  readonly onCommit = (fn: (deps: AppDeps) => void): void => {
    this.committed.push(fn);
  };

  get requestId(): string {
    return this.req.id;
  }

  get log(): Logger {
    return this.req.log;
  }

  /** The same request writing through `db`: the transaction that also stores an idempotent answer. */
  within(db: Executor): Context {
    const { body, query, params, principal, deps, req, res, committed } = this;
    return new Context(body, query, params, principal, deps, db, req, res, true, committed);
  }
}

/**
 * What a handler without `ownTransactions` sees as deps: the pool and Temporal refuse, so it can
 * neither take a second connection while holding the idempotency transaction nor wait on the
 * network inside it. Built once per route.
 */
function guardedDeps(deps: AppDeps, route: RouteSpec): AppDeps {
  const refuse = (what: string) => ({
    get(): never {
      throw new Error(
        `${route.method.toUpperCase()} ${route.path} uses deps.${what}: declare ownTransactions or use ctx.db`,
      );
    },
  });
  return Object.create(deps, { database: refuse('database'), temporal: refuse('temporal') }) as AppDeps;
}

/** Express parses the URL again for req.query; most requests have no query string to parse. */
const queryOf = (req: Request): unknown => (req.url.includes('?') ? req.query : {});

async function handle(
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

/** The answer did not come in time: the caller hears so, the handler may still finish. */
function respondLate(req: Request, res: Response, timeoutMs: number): void {
  if (res.headersSent) return;
  sendError(req, res, new BoundExceeded('response', `No answer within ${timeoutMs} ms; retry shortly`));
}

/** Paths with no parameter: fast-dispatch may run their function without the router. */
const isExact = (path: string) => !path.includes(':') && !path.includes('*');

/** Mounts every route on the router; returns the ones an exact path reaches, for fast-dispatch. */
export function mountRoutes(router: Router, routes: RouteSpec[], deps: AppDeps): ExactRoute[] {
  const exact: ExactRoute[] = [];
  const timeoutMs = deps.config.MIR_RESPONSE_TIMEOUT_MS;
  const temporalMs = deps.config.MIR_TEMPORAL_CALL_TIMEOUT_MS;
  for (const route of routes) {
    if (route.method === 'post') {
      assertSecretsDeclared(`POST ${route.path}`, route.responses, route.secretFields ?? []);
    }
    const handlerDeps = route.ownTransactions ? deps : guardedDeps(deps, route);
    // Every Temporal call made while answering shares one deadline (an AsyncLocalStorage scope,
    // so only routes that may call Temporal pay for it).
    const run = route.ownTransactions
      ? (req: Request, res: Response) =>
          deps.temporal.withDeadline(Date.now() + temporalMs, () => handle(route, deps, handlerDeps, req, res))
      : (req: Request, res: Response) => handle(route, deps, handlerDeps, req, res);
    const handler = async (req: Request, res: Response, next: NextFunction) => {
      const timer = setTimeout(respondLate, timeoutMs, req, res, timeoutMs);
      try {
        const result = await run(req, res);
        if (res.headersSent) return;
        if (result) sendJson(res, result.status, result.body ?? {});
        else next();
      } finally {
        clearTimeout(timer);
      }
    };
    for (const path of routePaths(route)) {
      router[route.method](path, handler);
      if (isExact(path)) exact.push({ method: route.method, path, handler });
    }
  }
  return exact;
}
