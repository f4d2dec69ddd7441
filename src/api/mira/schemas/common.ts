import { z } from 'zod';
import type { UpperBound } from '../../../db/queries/mira/pages';
import { PRINTABLE, trimmedText } from '../../../domain/text';

/** `page` (default 1) and `limit` (default 20, at most 100), as 003 documents every list. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(1_000_000).default(1).describe('Page number'),
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('Items per page (max 100)'),
};

export const pageMeta = z.object({ page: z.number().int(), limit: z.number().int(), total: z.number().int() });

export const uuidField = z.uuid({ message: 'must be a uuid' });
export const idParams = z.strictObject({ id: uuidField });

/** ISO 8601: a date-time with a zone, or a date (midnight UTC). */
export const isoDateQuery = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], { message: 'must be an ISO 8601 date or date-time' })
  .transform((s) => new Date(s));

/**
 * An upper bound (`to`, `date_to`): a date-time is the instant itself, included; a date without a
 * time is that whole UTC day, included (`to=2026-12-05` reaches 2026-12-05T23:59:59.999999Z), so it
 * becomes "before the next midnight".
 */
export const isoUpperBoundQuery = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], { message: 'must be an ISO 8601 date or date-time' })
  .transform((s): UpperBound => {
    if (s.includes('T')) return { at: new Date(s), inclusive: true };
    const next = new Date(s);
    next.setUTCDate(next.getUTCDate() + 1);
    return { at: next, inclusive: false };
  });

/** `from` after `to` selects nothing by construction: a 400 on `to`, as `min_score` > `max_score` is. */
export const fromNotAfterTo =
  <F extends string, T extends string>(from: F, to: T) =>
  (q: { [K in F]?: Date } & { [K in T]?: UpperBound }, ctx: z.RefinementCtx) => {
    const start = q[from] as Date | undefined;
    const end = q[to] as UpperBound | undefined;
    if (!start || !end) return;
    if (end.inclusive ? start > end.at : start >= end.at)
      ctx.addIssue({ code: 'custom', path: [to], message: `must not be before ${from}` });
  };

export const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

/** A one-line text field: trimmed, printable. */
export const textField = (max: number) => trimmedText(max).regex(PRINTABLE, 'must be printable text');

export const timestamp = z.iso.datetime();
export const iso = (d: Date) => d.toISOString();
export const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
