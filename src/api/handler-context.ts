/** The context a route's handler runs with, and the deps it may use. */
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Executor } from '../db/client';
import type { AppDeps } from './context';
import type { AdminPrincipal, PartnerPrincipal, UserPrincipal } from '../domain/principals';
import type { RouteSpec } from './route';

/**
 * A handler's context. A class rather than an object literal so that `log` is a getter on the
 * prototype: the request's child logger is built only if the handler logs, and no getter is made
 * per request.
 */
export class Context {
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
export function guardedDeps(deps: AppDeps, route: RouteSpec): AppDeps {
  const refuse = (what: string) => ({
    get(): never {
      throw new Error(
        `${route.method.toUpperCase()} ${route.path} uses deps.${what}: declare ownTransactions or use ctx.db`,
      );
    },
  });
  return Object.create(deps, { database: refuse('database'), temporal: refuse('temporal') }) as AppDeps;
}
