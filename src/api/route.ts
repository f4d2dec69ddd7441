import type { NextFunction, Request, Response, Router } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { AdminPrincipal, AppDeps, PartnerPrincipal } from './context';
import { ApiError } from './errors';
import { authenticateAdmin, authenticatePartner } from './middleware/auth';

export type AuthMode = 'none' | 'admin' | 'partner';
type PrincipalFor<A extends AuthMode> = A extends 'partner'
  ? PartnerPrincipal
  : A extends 'admin'
    ? AdminPrincipal
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
  deps: AppDeps;
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
  summary: string;
  tags: string[];
  auth: A;
  body?: B;
  query?: Q;
  params?: P;
  /** Error statuses are documented from the shared error schema; list only successes here. */
  responses: Record<number, ResponseSpec>;
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

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): unknown {
  if (!schema) return value;
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (result.success) return result.data;
  const details = result.error.issues.map((i) => ({ in: where, path: i.path.join('.'), message: i.message }));
  throw new ApiError(
    'validation_error',
    `Invalid request ${where}: ${details[0]?.path || where} ${details[0]?.message ?? ''}`.trim(),
    details,
  );
}

export function mountRoutes(router: Router, routes: RouteSpec[], deps: AppDeps): void {
  for (const route of routes) {
    router[route.method](route.path, async (req: Request, res: Response, next: NextFunction) => {
      const principal =
        route.auth === 'partner'
          ? await authenticatePartner(req, deps)
          : route.auth === 'admin'
            ? authenticateAdmin(req, deps)
            : null;
      const ctx = {
        body: parse(route.body, req.body, 'body'),
        query: parse(route.query, req.query, 'query'),
        params: parse(route.params, req.params, 'path'),
        principal,
        deps,
        requestId: req.id as string,
        log: req.log,
        req,
        res,
      };
      const result = await route.handler(ctx as never);
      if (result) res.status(result.status).json(result.body ?? {});
      else if (!res.headersSent) next();
    });
  }
}
