import { z } from 'zod';
import { decodeCursor } from '../../domain/cursor';

/** ISO 8601 with a zone, as a Date. */
export const isoDateParam = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone' })
  .transform((s) => new Date(s));

/** The opaque `cursor` of a keyset page, as this API handed it out. */
export const cursorParam = z
  .string()
  .transform(
    (raw, ctx) =>
      decodeCursor(raw) ?? (ctx.addIssue({ code: 'custom', message: 'is not a cursor from this API' }), z.NEVER),
  )
  .optional();

/** `limit` and the opaque `cursor` every newest-first listing takes. */
export const pageParams = {
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: cursorParam,
};
