import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express, NextFunction, Request, Response } from 'express';
import { adoptAsExpress, asListener, expressClasses } from './express-internals';

/** A route reachable by its exact path: the function Express would run for it, and its template. */
export interface ExactRoute {
  method: string;
  path: string;
  handler: (req: Request, res: Response, next: NextFunction) => Promise<void>;
}

export interface FastStages {
  /** What every request goes through first (request id, log line, input checks); throws on bad input. */
  begin(req: Request, res: Response): void;
  /** JSON.parse with body-parser's rules, and its errors. */
  parseBody(raw: Buffer, req: Request, res: Response): unknown;
  errorHandler(err: unknown, req: Request, res: Response, next: NextFunction): void;
  notFound(req: Request): never;
  bodyLimit: number;
}

const JSON_TYPES = new Set(['application/json', 'application/json; charset=utf-8']);

/**
 * Bytes of a body this path reads, -1 for a request without a body, or null when the request is
 * anything but the plain case (chunked, compressed, another media type, over the limit): Express's
 * own layers answer those, exactly as they answer every other request.
 */
function plainBodyLength(req: IncomingMessage, limit: number): number | null {
  const headers = req.headers;
  if (headers['transfer-encoding'] !== undefined || headers['content-encoding'] !== undefined) return null;
  const length = headers['content-length'];
  if (length === undefined) return -1;
  if (!JSON_TYPES.has(headers['content-type'] ?? '')) return null;
  const bytes = Number(length);
  return Number.isInteger(bytes) && bytes >= 0 && bytes <= limit ? bytes : null;
}

const aborted = () =>
  Object.assign(new Error('request aborted'), { status: 400, expose: true, type: 'request.aborted' });

function readBody(req: IncomingMessage, bytes: number, done: (err: Error | null, raw?: Buffer) => void): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.once('end', () => done(null, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, bytes)));
  req.once('error', () => done(aborted()));
}

const noop = () => undefined;

export function fastDispatch(app: Express, routes: ExactRoute[], stages: FastStages) {
  const classes = expressClasses(app);
  // The template is what Express puts in req.route, which the request metrics label by.
  const exact = new Map(
    routes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, { handler: r.handler, template: { path: r.path } }]),
  );
  const fail = (err: unknown, req: Request, res: Response) => stages.errorHandler(err, req, res, noop);
  const express = asListener(app);

  const listener = function listener(request: IncomingMessage, response: ServerResponse): void {
    const url = request.url ?? '/';
    const query = url.indexOf('?');
    const route = exact.get(`${request.method} ${query < 0 ? url : url.slice(0, query)}`);
    const bytes = route ? plainBodyLength(request, stages.bodyLimit) : null;
    if (!route || bytes === null) {
      express(request, response);
      return;
    }
    const { req, res } = adoptAsExpress(app, request, response, route.template);
    try {
      stages.begin(req, res);
    } catch (err) {
      fail(err, req, res);
      return;
    }
    // A route that passes the request on: on the router nothing after it serves this exact path.
    const next = (err?: unknown) => {
      if (err) return fail(err, req, res);
      try {
        stages.notFound(req);
      } catch (notFound) {
        fail(notFound, req, res);
      }
    };
    const run = () => void route.handler(req, res, next).catch((err: unknown) => fail(err, req, res));
    if (bytes < 0) {
      req.body = undefined;
      run();
      return;
    }
    readBody(req, bytes, (err, raw) => {
      if (err) return fail(err, req, res);
      try {
        req.body = stages.parseBody(raw!, req, res);
      } catch (parseError) {
        return fail(parseError, req, res);
      }
      run();
    });
  };
  return { listener, classes };
}
