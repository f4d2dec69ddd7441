/** What a route declares (RouteSpec) and what its handler gets; pipeline.ts runs it, mount.ts mounts it. */
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Executor } from '../db/client';
import type { AppDeps } from './context';
import type { AdminPrincipal, PartnerPrincipal, UserPrincipal } from '../domain/principals';
import type { ErrorCode } from '../domain/errors';
import type { AccessRule } from '../domain/authorize';
import type { WriteGate } from '../services/write-gate';

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

export function routePaths(route: RouteSpec): string[] {
  return route.versioned ? [route.path, `/v1${route.path}`] : [route.path];
}
