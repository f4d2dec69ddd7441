import { z } from 'zod';
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

export const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

/** A one-line text field: trimmed, printable. */
export const textField = (max: number) => trimmedText(max).regex(PRINTABLE, 'must be printable text');

export const timestamp = z.iso.datetime();
export const iso = (d: Date) => d.toISOString();
export const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
