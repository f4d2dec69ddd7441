import type { NextFunction, Request, Response } from 'express';
import { BoundExceeded, RETRY_AFTER_SECONDS } from '../../domain/bounds';
import { asBoundExceeded } from '../bounds';
import { ApiError, errorBody } from '../../domain/errors';
import { sendJson } from '../respond';
import { JSON_BODY_MAX_DEPTH } from '../../domain/json-depth';

interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
}

/** Turns whatever was thrown into the one error body; never an HTML page or a stack trace. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const bound = asBoundExceeded(err);
  if (bound) return bound;
  const parserError = err as BodyParserError;
  switch (parserError?.type) {
    case 'entity.parse.failed':
      return new ApiError('invalid_json', 'Request body is not valid JSON');
    case 'entity.nul':
      return new ApiError('validation_failed', 'Request body must not contain the NUL character (\\u0000)', [
        { in: 'body', path: '', message: 'must not contain the NUL character (\\u0000)' },
      ]);
    case 'entity.surrogate':
      return new ApiError(
        'validation_failed',
        'Request body must not contain an unpaired surrogate (\\ud800–\\udfff)',
        [{ in: 'body', path: '', message: 'must not contain an unpaired UTF-16 surrogate escape (\\ud800–\\udfff)' }],
      );
    case 'entity.too.deep':
      return new ApiError('validation_failed', `Request body nests deeper than ${JSON_BODY_MAX_DEPTH} levels`, [
        { in: 'body', path: '', message: `must not nest objects and arrays deeper than ${JSON_BODY_MAX_DEPTH} levels` },
      ]);
    case 'entity.too.large':
      return new ApiError('payload_too_large', 'Request body exceeds the 1 MiB limit');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ApiError('unsupported_media_type', 'Unsupported body encoding; send UTF-8 JSON');
    default:
      return httpError(parserError);
  }
}

/** http-errors thrown by Express's own layers (a missing docs asset is serve-static's 404). */
function httpError(err: BodyParserError | undefined): ApiError {
  // `expose` marks a client error made by http-errors; a library's own `status` field means nothing here.
  switch (err?.expose ? err.status : undefined) {
    case 400:
      return new ApiError('validation_failed', 'Malformed request');
    case 404:
      return new ApiError('not_found', 'Not found');
    default:
      return new ApiError('internal_error', 'Internal server error');
  }
}

export function errorHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  sendError(req, res, toApiError(err), err);
}

/** Logs and answers one error in the envelope; a bound that fired is named in the log line. */
export function sendError(req: Request, res: Response, apiError: ApiError, err: unknown = apiError): void {
  if (apiError instanceof BoundExceeded) req.log.warn({ bound: apiError.bound, err }, `bound fired: ${apiError.bound}`);
  else if (apiError.status >= 500) req.log.error({ err }, 'request failed');
  else req.log.info({ code: apiError.code }, apiError.message);
  if (res.headersSent) {
    res.end();
    return;
  }
  const retryAfter = (apiError.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  // Every 503 is temporary by design here: say when to come back even if the error did not.
  if (apiError.status === 503)
    res.setHeader('Retry-After', String(typeof retryAfter === 'number' ? retryAfter : RETRY_AFTER_SECONDS));
  else if (apiError.status === 429 && typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
  sendJson(res, apiError.status, errorBody(apiError, String(req.id)));
}

export function notFound(req: Request): never {
  throw new ApiError('not_found', `No route for ${req.method} ${req.path}`);
}
