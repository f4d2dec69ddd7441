import type { NextFunction, Request, Response } from 'express';
import { ApiError } from '../../domain/errors';

export interface PathMethods {
  path: string;
  methods: readonly string[];
}

interface Matcher {
  pattern: RegExp;
  methods: readonly string[];
  /** Literal segments: `/v1/agents/tree` (3) is more specific than `/v1/agents/:id` (2). */
  literals: number;
}

/** `/v1/agents/:id/suspend` → a regex for one segment per parameter; Express also takes a trailing slash. */
function matcherOf({ path, methods }: PathMethods): Matcher {
  const escaped = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  const literals = path.split('/').filter((segment) => segment && !segment.startsWith(':')).length;
  return { pattern: new RegExp(`^${escaped}/?$`, 'i'), methods: methods.map((m) => m.toUpperCase()), literals };
}

/**
 * Methods of the most specific path templates that match, as /openapi.json documents them (a
 * literal path before a templated one): GET also answers HEAD.
 */
function allowedOn(matchers: Matcher[], path: string): string[] {
  const matching = matchers.filter(({ pattern }) => pattern.test(path));
  const best = Math.max(...matching.map((m) => m.literals));
  const allowed = new Set<string>();
  for (const { methods, literals } of matching) {
    if (literals !== best) continue;
    for (const method of methods) {
      allowed.add(method);
      if (method === 'GET') allowed.add('HEAD');
    }
  }
  return [...allowed].sort();
}

/**
 * Runs after every route: a request that got here matched none. If its path is one the API serves
 * under some other method, that is 405 with the methods that would work in `Allow`; a path the API
 * does not know stays 404. Only the unmatched requests pay for the scan.
 */
/** The methods `table` serves on a path ([] when it does not know the path at all). */
export function allowedMethodsOf(table: PathMethods[]): (path: string) => string[] {
  const matchers = table.map(matcherOf);
  return (path) => allowedOn(matchers, path);
}

export function methodNotAllowed(table: PathMethods[]) {
  const matchers = table.map(matcherOf);
  return function methodNotAllowed(req: Request, res: Response, next: NextFunction): void {
    const allowed = allowedOn(matchers, req.path);
    if (allowed.length === 0 || allowed.includes(req.method)) return next();
    res.setHeader('Allow', allowed.join(', '));
    throw new ApiError('method_not_allowed', `${req.method} is not allowed on ${req.path}; use ${allowed.join(', ')}`, {
      allowed,
    });
  };
}
