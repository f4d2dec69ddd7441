import type { Express } from 'express';
import type { AppDeps } from '../context';
import { methodNotAllowed } from '../middleware/allowed-methods';
import { miraErrorHandler, miraNotFound } from './errors';
import { buildMiraOpenApi } from './openapi';
import { MIRA_PREFIX, mountMiraRoutes } from './route';
import { buildMiraRoutes } from './routes';

export const MIRA_OPENAPI_PATH = `${MIRA_PREFIX}/openapi.json`;

/**
 * Mira under /api/v1, beside MIR: its routes, its OpenAPI 3.0 document, then — for every other
 * request under the prefix — its 405 (with Allow), its 404, and an error handler that answers
 * whatever failed there (MIR's input-channel checks and body parsing included) in Mira's envelope.
 * Everything under the prefix ends here; nothing reaches MIR's own 404 or error handler.
 */
export function mountMira(app: Express, deps: AppDeps, serverUrl: string): void {
  const routes = buildMiraRoutes();
  mountMiraRoutes(app.router, routes, deps);
  const document = buildMiraOpenApi(routes, serverUrl);
  app.get(MIRA_OPENAPI_PATH, (_req, res) => {
    res.json(document);
  });
  // Mounted at the prefix, these see paths relative to it.
  const served = [
    ...routes.map((r) => ({ path: r.path, methods: [r.method] })),
    { path: '/openapi.json', methods: ['get'] },
  ];
  app.use(MIRA_PREFIX, methodNotAllowed(served), miraNotFound);
  app.use(MIRA_PREFIX, miraErrorHandler);
}
