import type { NextFunction, Request, Response } from 'express';
import { BoundExceeded } from '../../domain/bounds';
import type { AppDeps } from '../context';
import { sendError } from './errors';

/**
 * The bounds mountRoutes puts on API routes, for the HTML pages: the answer comes within
 * MIR_RESPONSE_TIMEOUT_MS, and every Temporal call made while answering shares one deadline.
 */
export function pageDeadlines(deps: AppDeps) {
  const timeoutMs = deps.config.MIR_RESPONSE_TIMEOUT_MS;
  const temporalMs = deps.config.MIR_TEMPORAL_CALL_TIMEOUT_MS;
  return (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const timer = setTimeout(() => {
      if (!res.headersSent) sendError(req, res, new BoundExceeded('response', `No answer within ${timeoutMs} ms`));
    }, timeoutMs);
    res.once('close', () => clearTimeout(timer));
    // The rest of the chain runs inside the deadline's scope, so the handlers' calls inherit it.
    return deps.temporal.withDeadline(Date.now() + temporalMs, async () => next());
  };
}
