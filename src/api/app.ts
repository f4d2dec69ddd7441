import type { RequestListener, ServerOptions } from 'node:http';
import express from 'express';
import type { AppDeps } from './context';
import { methodNotAllowed } from './middleware/allowed-methods';
import { errorHandler, notFound } from './middleware/errors';
import { jsonBody, parseJsonBody, requestLogger } from './middleware/request';
import { fastDispatch } from './fast-dispatch';
import { pageDeadlines } from './middleware/deadlines';
import { buildRoutes } from './routes';
import { DOCS_PATHS, docsRouter } from './routes/docs';
import { routePaths } from './route';
import { mountRoutes } from './mount';
import { linkPageRouter } from './pages/link-page';
import { accountPageRouter } from './pages/account-pages';
import { consolePageRouter } from './pages/console-pages';
import { publicUrl } from '../config';
import { metricsHandler } from './routes/metrics';
import { mountMira } from './mira';
import { httpServerSpans } from './middleware/tracing';

/** 1 MiB: what express.json enforces and what fast-dispatch reads itself. */
export const BODY_LIMIT = 1024 * 1024;

/**
 * The Express app, and the server's request listener (fast-dispatch in front of the app) with the
 * request and response classes the server is to build for it.
 */
export function createApp(deps: AppDeps): {
  app: express.Express;
  listener: RequestListener;
  classes: Pick<ServerOptions, 'IncomingMessage' | 'ServerResponse'>;
} {
  const app = express();
  app.disable('x-powered-by');
  // Nobody sends conditional requests to this API; hashing every answer for an ETag was pure cost.
  app.disable('etag');
  app.set('query parser', 'simple');
  // Which X-Forwarded-For hops to believe for req.ip, which the per-address throttles count by.
  app.set('trust proxy', deps.config.MIR_TRUST_PROXY);
  if (deps.tracing) app.use(httpServerSpans());
  // Logs every request and checks its URL, headers and cookies before anything reads them.
  const logging = requestLogger(app, deps.logger, deps.metrics);
  app.use(logging.middleware);
  // HTML pages with form posts: before the JSON-only body handling. Mounted at their prefix, so
  // an API request passes them with one failed match.
  app.use('/link', pageDeadlines(deps), linkPageRouter(deps));
  app.use('/account', pageDeadlines(deps), accountPageRouter(deps));
  app.use('/console', pageDeadlines(deps), consolePageRouter(deps));
  app.use(jsonBody(BODY_LIMIT));
  const routes = buildRoutes();
  // On the app's own router: a nested one would add a dispatch to every request.
  const exact = mountRoutes(app.router, routes, deps);
  // Mira, the second product: everything under /api/v1 answers in its own envelope.
  mountMira(app, deps, publicUrl(deps.config));
  app.use(docsRouter(routes, publicUrl(deps.config)));
  const served = routes.flatMap((route) => routePaths(route).map((path) => ({ path, methods: [route.method] })));
  app.get('/metrics', metricsHandler(deps));
  app.use(methodNotAllowed([...served, ...DOCS_PATHS, { path: '/metrics', methods: ['get'] }]));
  app.use(notFound);
  app.use(errorHandler);
  // A server span wraps Express's whole pipeline, so with tracing on every request is Express's.
  if (deps.tracing) return { app, listener: app, classes: {} };
  // Paths the link and account pages own are tried before any route, so they stay with Express.
  const direct = exact.filter((r) => !/^\/(link|account)(\/|$)/.test(r.path));
  const stages = { begin: logging.begin, parseBody: parseJsonBody, errorHandler, notFound, bodyLimit: BODY_LIMIT };
  return { app, ...fastDispatch(app, direct, stages) };
}
