import { z } from 'zod';
import { PRINTABLE } from '../../domain/text';
import {
  BULK_MAX_EVENTS,
  EVENT_DATA_MAX_BYTES,
  EVENT_TYPE,
  EVENT_TYPE_INPUT,
  TYPE_FILTER_INPUT,
  MAX_FUTURE_SKEW_MS,
  SIGNIFICANCES,
  normalizeEventType,
  parseTypeFilter,
} from '../../domain/events';
import { isoDateParam, pageParams } from './pagination';
import { boundedJson } from './bounded-json';

/** The partner's own id for its user: 1-256 characters, none of them control characters. */
export const userIdSchema = z
  .string()
  .min(1)
  .max(256)
  .regex(PRINTABLE, 'must contain printable characters only')
  .describe("Your platform's own id for the user");

const eventTypeSchema = z
  .string()
  .max(200)
  .regex(EVENT_TYPE_INPUT, 'must be category.action in lower case, like review.posted')
  .transform(normalizeEventType)
  .pipe(z.string().regex(EVENT_TYPE, 'must be category.action in lower case, like review.posted'))
  .describe('category.action; a leading "mir." is accepted and removed');

const isoDate = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone' });

const occurredAtSchema = isoDate
  .transform((s) => new Date(s))
  .refine((d) => d.getTime() >= 0, 'must not be before 1970')
  .refine((d) => d.getTime() <= Date.now() + MAX_FUTURE_SKEW_MS, 'must not be more than 5 minutes in the future');

const dataSchema = boundedJson(EVENT_DATA_MAX_BYTES, 'Free-form JSON stored with the event');

export const eventInputSchema = z.strictObject({
  type: eventTypeSchema,
  userId: userIdSchema,
  significance: z.enum(SIGNIFICANCES).default('normal'),
  data: dataSchema.optional(),
  occurredAt: occurredAtSchema.optional().describe('When it happened; default: now'),
});
export type EventInput = z.output<typeof eventInputSchema>;

export const bulkEventsBody = z.strictObject({
  events: z.array(z.unknown()).min(1).max(BULK_MAX_EVENTS).describe('Each item is an event as for POST /events'),
});

export const storedEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  userId: z.string(),
  significance: z.enum(SIGNIFICANCES),
  occurredAt: z.iso.datetime(),
  receivedAt: z.iso.datetime(),
});

export const listedEventSchema = storedEventSchema.extend({ data: z.record(z.string(), z.unknown()).nullable() });

export const bulkEventsResponse = z.object({
  summary: z.object({ total: z.int(), accepted: z.int(), errors: z.int() }),
  results: z.array(
    z.object({
      index: z.int(),
      status: z.enum(['accepted', 'error']),
      id: z.string().optional(),
      error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }).optional(),
    }),
  ),
});

export const listEventsQuery = z.strictObject({
  ...pageParams,
  userId: userIdSchema.optional(),
  type: z
    .string()
    .max(200)
    .regex(TYPE_FILTER_INPUT, 'must be category.action or category.*')
    .transform(
      (raw, ctx) =>
        parseTypeFilter(raw) ??
        (ctx.addIssue({ code: 'custom', message: 'must be category.action or category.*' }), z.NEVER),
    )
    .optional(),
  from: isoDateParam.optional().describe('Only events that occurred at or after'),
  to: isoDateParam.optional().describe('Only events that occurred before'),
});

export const listEventsResponse = z.object({ events: z.array(listedEventSchema), nextCursor: z.string().nullable() });
