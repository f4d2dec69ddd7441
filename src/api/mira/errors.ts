import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { RETRY_AFTER_SECONDS } from '../../domain/bounds';
import type { ApiError } from '../../domain/errors';
import { toApiError } from '../middleware/errors';

/** Every error code Mira answers with, and its status: the one place they are mapped. */
export const MIRA_ERROR_STATUS = {
  validation_error: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const;

export type MiraErrorCode = keyof typeof MIRA_ERROR_STATUS;
export const MIRA_ERROR_CODES = Object.keys(MIRA_ERROR_STATUS) as MiraErrorCode[];

export class MiraError extends Error {
  readonly status: number;

  constructor(
    readonly code: MiraErrorCode,
    message: string,
  ) {
    super(message);
    this.status = MIRA_ERROR_STATUS[code];
  }
}

/** What MIR's shared layers throw (input channels, body parsing, bounds) in Mira's codes: the first code of each status. */
const BY_STATUS = new Map<number, MiraErrorCode>();
for (const code of MIRA_ERROR_CODES)
  if (!BY_STATUS.has(MIRA_ERROR_STATUS[code])) BY_STATUS.set(MIRA_ERROR_STATUS[code], code);

export function toMiraError(err: unknown): MiraError {
  if (err instanceof MiraError) return err;
  const api: ApiError = toApiError(err);
  if (api.code === 'invalid_json') return new MiraError('invalid_json', api.message);
  const code = BY_STATUS.get(api.status) ?? 'internal_error';
  return new MiraError(code, code === 'internal_error' ? 'Internal server error' : api.message);
}

export const miraErrorSchema = (codes: readonly MiraErrorCode[] = MIRA_ERROR_CODES) =>
  z.object({
    data: z.null(),
    error: z.object({ code: z.enum(codes as [MiraErrorCode, ...MiraErrorCode[]]), message: z.string() }),
    meta: z.null(),
  });

/** `{ data: null, error: { code, message }, meta: null }`, every time. */
export function sendMiraError(req: Request, res: Response, error: MiraError, cause: unknown = error): void {
  if (error.status >= 500) req.log.error({ err: cause }, 'mira request failed');
  else req.log.info({ code: error.code }, error.message);
  if (res.headersSent) {
    res.end();
    return;
  }
  if (error.status === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  res.status(error.status).json({ data: null, error: { code: error.code, message: error.message }, meta: null });
}

/** Mounted at /api/v1 before MIR's handler: whatever failed under Mira's prefix answers in Mira's envelope. */
export function miraErrorHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  sendMiraError(req, res, toMiraError(err), err);
}

export function miraNotFound(req: Request): never {
  throw new MiraError('not_found', `No route for ${req.method} ${req.originalUrl.split('?')[0]}`);
}
