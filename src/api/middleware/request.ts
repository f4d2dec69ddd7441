import { assertCleanInput } from './input-channels';
import { refuseUnstorableText } from './storable-text';
import { JSON_BODY_MAX_DEPTH, nestsDeeperThan, textNestsDeeperThan } from '../../domain/json-depth';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { redactUrl } from '../../logger';
import { ApiError } from '../../domain/errors';
import type { ApiMetrics } from '../metrics';

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keeps a caller's X-Request-Id when it is sane, so partners can correlate; else makes one. */
function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const offered = req.headers['x-request-id'];
  const id = typeof offered === 'string' && CLIENT_REQUEST_ID.test(offered) ? offered : `req_${randomUUID()}`;
  res.setHeader('X-Request-Id', id);
  return id;
}

declare module 'http' {
  interface IncomingMessage {
    id: string;
    /** This request's logger, tagged with its id; made on first use, as most requests never log. */
    log: Logger;
  }
}

const started = Symbol('startedAt');
const childLog = Symbol('log');
type Timed = Request & { [started]: number; [childLog]?: Logger };

function logCompletion(logger: Logger, req: Timed, res: Response, metrics?: ApiMetrics): void {
  const finished = res.writableFinished;
  if (metrics) {
    // The route template, never the path: ids in paths would make a series per agent.
    const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
    metrics.requests.inc({ route, method: req.method, status: String(res.statusCode) });
    metrics.latency.observe({ route, method: req.method }, (performance.now() - req[started]) / 1000);
  }
  const level = !finished ? 'warn' : res.statusCode >= 500 ? 'error' : 'info';
  if (!logger.isLevelEnabled(level)) return;
  const line = {
    requestId: req.id,
    req: { method: req.method, url: redactUrl(req.originalUrl), remoteAddress: req.socket.remoteAddress },
    res: { statusCode: res.statusCode },
    responseTime: Math.round(performance.now() - req[started]),
  };
  logger[level](line, finished ? 'request completed' : 'request aborted');
}

/**
 * Request ids, a per-request logger and one line per request. Written by hand rather than with
 * pino-http, which builds a child logger for every request even when nothing will be logged:
 * on the hottest routes that was a tenth of the API's CPU. Nothing here makes a closure per
 * request, and `req.log` is a getter on the app's request prototype, so the logger is built
 * only for the requests that log.
 */
export function requestLogger(app: Express, logger: Logger, metrics?: ApiMetrics) {
  Object.defineProperty(app.request, 'log', {
    configurable: true,
    get(this: Timed) {
      return (this[childLog] ??= logger.child({ requestId: this.id }));
    },
  });
  const onClose = function (this: Response) {
    logCompletion(logger, this.req as Timed, this, metrics);
  };
  const begin = function beginRequest(req: Request, res: Response): void {
    (req as Timed)[started] = performance.now();
    req.id = requestIdFor(req, res);
    // `on`, not `once`: a response closes once, and `once` builds a wrapper per request.
    res.on('close', onClose);
    // The input check runs here rather than as a layer of its own: every layer costs each request a
    // dispatch. It throws before anything reads the URL, a header or a cookie.
    assertCleanInput(req);
  };
  const middleware = function requestLogging(req: Request, res: Response, next: NextFunction): void {
    begin(req, res);
    next();
  };
  return { begin, middleware };
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** What nearly every client sends; anything else goes through the full media-type parse. */
function isJson(req: Request): boolean {
  const type = req.headers['content-type'];
  return (
    type === 'application/json' || type === 'application/json; charset=utf-8' || req.is('application/json') !== false
  );
}

const tooDeep = () =>
  Object.assign(new Error(`Request body nests deeper than ${JSON_BODY_MAX_DEPTH} levels`), { type: 'entity.too.deep' });
const depthScanned = Symbol('depthScanned');
type Scanned = IncomingMessage & { [depthScanned]?: true };

/**
 * What every JSON body meets before it is parsed (fast-dispatch's and express.json's alike): one
 * nesting deeper than JSON_BODY_MAX_DEPTH is refused from its UTF-8 bytes, before anything that
 * recurses (validation, serialising, the idempotency fingerprint) meets it; then the text Postgres
 * cannot store.
 */
function refuseDeepOrUnstorable(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  if (textNestsDeeperThan(body, JSON_BODY_MAX_DEPTH)) throw tooDeep();
  refuseUnstorableText(req, res, body);
}

/** express.json's `verify`: only UTF-8 bytes can be scanned so; another charset is checked once parsed. */
function verifyExpressBody(req: Scanned, res: ServerResponse, body: Buffer, encoding: string): void {
  if (encoding !== 'utf-8') return refuseUnstorableText(req, res, body);
  refuseDeepOrUnstorable(req, res, body);
  req[depthScanned] = true;
}

/**
 * Refuses a body that is not JSON up front, rather than silently ignoring it, then parses it.
 * One middleware rather than two: every layer costs each request a match and a dispatch.
 */
export function jsonBody(limit: number) {
  const parse = express.json({ limit, type: 'application/json', verify: verifyExpressBody });
  // JSON.parse itself does not recurse, so a parsed body in another charset is safe to walk here.
  const parsed = (req: Request & Scanned, next: NextFunction) => (err?: unknown) => {
    const unscanned = !err && req.body !== undefined && !req[depthScanned];
    next(err ?? (unscanned && nestsDeeperThan(req.body, JSON_BODY_MAX_DEPTH) ? tooDeep() : undefined));
  };
  return function jsonBody(req: Request, res: Response, next: NextFunction): void {
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (BODY_METHODS.has(req.method) && hasBody && !isJson(req)) {
      throw new ApiError('unsupported_media_type', 'Send the request body as application/json');
    }
    parse(req, res, hasBody ? parsed(req, next) : next);
  };
}

const FIRST_NON_WHITESPACE = /^[ \t\n\r]*([^ \t\n\r])/;
const parseFailed = () =>
  Object.assign(new SyntaxError('Invalid JSON body'), { status: 400, type: 'entity.parse.failed' });

/**
 * What express.json above does with a body it has read, for the requests fast-dispatch reads itself:
 * the depth and NUL checks, UTF-8 without its byte-order mark, `{}` for an empty body, and only an object or
 * an array at the top (body-parser's `strict`), failing with the error types the error handler maps.
 */
export function parseJsonBody(raw: Buffer, req: IncomingMessage, res: ServerResponse): unknown {
  refuseDeepOrUnstorable(req, res, raw);
  const text = raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf ? raw.toString('utf8', 3) : raw.toString('utf8');
  if (text.length === 0) return {};
  const first = text[0] === '{' || text[0] === '[' ? text[0] : FIRST_NON_WHITESPACE.exec(text)?.[1];
  if (first !== '{' && first !== '[') throw parseFailed();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw parseFailed();
  }
}
