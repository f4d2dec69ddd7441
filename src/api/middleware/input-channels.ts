import { isUtf8 } from 'node:buffer';
import type { Request } from 'express';
import { CONTROL_CHARACTER } from '../../domain/text';
import { ApiError } from '../../domain/errors';

/** Longest request target (path and query) the API reads; real ones are well under 1 KiB. */
export const MAX_URL_LENGTH = 8192;
/** Longest single header value; Node refuses a whole header block above 16 KiB on its own. */
export const MAX_HEADER_LENGTH = 8192;

/**
 * A clean URL has no percent sign. Node has already refused raw control and non-ASCII bytes in
 * the request target, so only escapes can still smuggle them in.
 */
const needsDecoding = (url: string) => url.includes('%');

/** A header value outside visible ASCII and space (Node lets tabs and bytes >= 0x80 through). */
const UNUSUAL_HEADER = /[^\x20-\x7e]/;

function invalid(where: 'path' | 'query' | 'header', path: string, message: string): ApiError {
  return new ApiError('validation_failed', `Invalid request ${where}: ${path} ${message}`, [
    { in: where, path, message },
  ]);
}

/** Every escape is valid and decodes as UTF-8 (decodeURIComponent refuses otherwise) to no control character. */
function checkEscapes(url: string): void {
  const queryStart = url.indexOf('?');
  const parts: Array<['path' | 'query', string]> =
    queryStart < 0
      ? [['path', url]]
      : [
          ['path', url.slice(0, queryStart)],
          ['query', url.slice(queryStart + 1)],
        ];
  for (const [where, raw] of parts) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      throw invalid(where, '', 'has an invalid percent-encoding or is not UTF-8');
    }
    if (CONTROL_CHARACTER.test(decoded)) throw invalid(where, '', 'must not contain control characters');
  }
}

/** Header values arrive as latin1; a value with bytes >= 0x80 must be UTF-8 and free of C1 controls. */
function checkHeaderValue(name: string, value: string): void {
  if (value.length > MAX_HEADER_LENGTH)
    throw invalid('header', name, `must be at most ${MAX_HEADER_LENGTH} characters`);
  for (let i = 0; i < value.length; i++) {
    if (value.charCodeAt(i) < 0x20 || value.charCodeAt(i) === 0x7f) {
      throw invalid('header', name, 'must not contain control characters');
    }
  }
  const bytes = Buffer.from(value, 'latin1');
  if (!isUtf8(bytes)) throw invalid('header', name, 'is not UTF-8');
  if (CONTROL_CHARACTER.test(bytes.toString('utf8')))
    throw invalid('header', name, 'must not contain control characters');
}

/**
 * The one early check of the channels zod does not see whole: the raw URL (every path segment and
 * query value, before the router decodes them) and every header, cookies included. Anything
 * malformed is 400 validation_failed here, so no handler or query ever meets it. The clean path is
 * one length check, one `includes` and one regex test per header, with no allocation.
 */
export function assertCleanInput(req: Request): void {
  const url = req.url;
  if (url.length > MAX_URL_LENGTH)
    throw invalid('path', '', `must be at most ${MAX_URL_LENGTH} characters with the query`);
  if (needsDecoding(url)) checkEscapes(url);
  const raw = req.rawHeaders;
  for (let i = 1; i < raw.length; i += 2) {
    const value = raw[i] as string;
    if (UNUSUAL_HEADER.test(value) || value.length > MAX_HEADER_LENGTH) checkHeaderValue(raw[i - 1] as string, value);
  }
}
