import { insertEvents, type NewEvent } from '../../db/queries/events';
import { assertBulkCap } from '../bulk';
import { userSuppressed } from '../../domain/errors';
import { defineRoute } from '../route';
import { validationError } from '../pipeline';
import { eventTypeRefusal } from './events';
import { bulkEventsBody, bulkEventsResponse, eventInputSchema } from '../schemas/events';
import { EXAMPLE_USER, minutesAgo } from '../openapi-examples';

type ItemResult =
  | { index: number; status: 'accepted'; id: string }
  | { index: number; status: 'error'; error: { code: string; message: string; details?: unknown } };

export const eventBulkRoutes = [
  defineRoute({
    method: 'post',
    path: '/events/bulk',
    operationId: 'createEventsBulk',
    errors: ['bulk_limit_exceeded'],
    versioned: true,
    summary: 'Submit up to 500 events; each is validated on its own and a bad one never rejects the rest',
    description:
      'Each item is checked and stored on its own: the answer lists, per index, `accepted` with the event id or `error` with the code and message POST /events would give. Only the request as a whole can fail (too many items: 400 `bulk_limit_exceeded`).',
    tags: ['Events'],
    auth: 'partner',
    access: { permission: 'events:write' },
    body: bulkEventsBody,
    example: {
      body: {
        events: [
          { type: 'review.posted', userId: EXAMPLE_USER, occurredAt: minutesAgo(30) },
          { type: 'order.completed', userId: 'user_1077', data: { amountCents: 4200 } },
        ],
      },
      response: {
        summary: { total: 2, accepted: 2, errors: 0 },
        results: [
          { index: 0, status: 'accepted', id: 'evt_01kbw3h2q8zk4m7t9xh2c5n6pd' },
          { index: 1, status: 'accepted', id: 'evt_01kbw3h2q9a3d8f2k6m1r4t7vw' },
        ],
      },
    },
    gate: { of: (deps) => deps.bulkWrites, units: (body) => body.events.length },
    responses: { 200: { description: 'Per-item outcome', schema: bulkEventsResponse } },
    handler: async ({ body, db, deps, principal }) => {
      assertBulkCap(principal, body.events.length);
      const now = new Date();
      const results: ItemResult[] = [];
      const valid: { index: number; event: NewEvent }[] = [];
      body.events.forEach((item, index) => {
        const parsed = eventInputSchema.safeParse(item);
        const refusal = parsed.success ? eventTypeRefusal(principal, parsed.data.type) : null;
        if (refusal) {
          results.push({
            index,
            status: 'error',
            error: { code: refusal.code, message: refusal.message, details: refusal.details },
          });
        } else if (parsed.success) {
          valid.push({ index, event: { ...parsed.data, occurredAt: parsed.data.occurredAt ?? now } });
        } else {
          const err = validationError(parsed.error, `events[${index}]`);
          results.push({
            index,
            status: 'error',
            error: { code: err.code, message: err.message, details: err.details },
          });
        }
      });
      const stored = await insertEvents(
        db,
        principal.organizationId,
        valid.map((v) => v.event),
      );
      let accepted = 0;
      stored.forEach((s, i) => {
        const { index, event } = valid[i]!;
        if (s) {
          accepted += 1;
          results.push({ index, status: 'accepted', id: s.id });
          return;
        }
        const refusal = userSuppressed(event.userId);
        results.push({
          index,
          status: 'error',
          error: { code: refusal.code, message: refusal.message, details: refusal.details },
        });
      });
      deps.metrics.eventsIngested.inc(accepted);
      results.sort((a, b) => a.index - b.index);
      return {
        status: 200,
        body: {
          summary: { total: body.events.length, accepted, errors: body.events.length - accepted },
          results,
        },
      };
    },
  }),
];
