import type { NextFunction, Request, Response } from 'express';
import type { AppDeps } from '../context';
import { authenticateAdmin } from '../middleware/auth';

/** GET /metrics: Prometheus text, for the operator's scraper only (the admin token). */
export function metricsHandler(deps: AppDeps) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      authenticateAdmin(req, deps);
      const body = await deps.metrics.registry.metrics();
      res.type(deps.metrics.registry.contentType).send(body);
    } catch (err) {
      next(err);
    }
  };
}
