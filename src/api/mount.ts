/** Puts routes on the router with their response deadline, and lists the exact paths fast-dispatch may serve. */
import type { NextFunction, Request, Response, Router } from 'express';
import type { AppDeps } from './context';
import { BoundExceeded } from '../domain/bounds';
import { sendError } from './middleware/errors';
import { sendJson } from './respond';
import type { ExactRoute } from './fast-dispatch';
import { assertSecretsDeclared } from './secret-fields';
import { type RouteSpec, routePaths } from './route';
import { guardedDeps } from './handler-context';
import { handle } from './pipeline';

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
