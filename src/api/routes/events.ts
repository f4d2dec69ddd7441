import { encodeCursor } from '../../domain/cursor';
import { type StoredEvent, insertEvents, listEvents } from '../../db/queries/events';
import { defineRoute } from '../route';
import { eventInputSchema, listEventsQuery, listEventsResponse, storedEventSchema } from '../schemas/events';

export function presentEvent(e: StoredEvent) {
  return {
    id: e.id,
    type: e.type,
    userId: e.userId,
    significance: e.significance,
    occurredAt: e.occurredAt.toISOString(),
    receivedAt: e.receivedAt.toISOString(),
  };
}

export const eventRoutes = [
  defineRoute({
    method: 'post',
    path: '/events',
    versioned: true,
    summary: 'Submit an event for one of your users (creates the user on first sight)',
    tags: ['Events'],
    auth: 'partner',
    body: eventInputSchema,
    responses: { 201: { description: 'Stored', schema: storedEventSchema } },
    handler: async ({ body, db, principal }) => {
      const [stored] = await insertEvents(db, principal.organizationId, [
        { ...body, occurredAt: body.occurredAt ?? new Date() },
      ]);
      return { status: 201, body: presentEvent(stored!) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/events',
    versioned: true,
    summary: 'List the events your organisation submitted, newest first',
    tags: ['Events'],
    auth: 'partner',
    query: listEventsQuery,
    responses: { 200: { description: 'One page of events', schema: listEventsResponse } },
    handler: async ({ query, db, principal }) => {
      const page = await listEvents(db, principal.organizationId, query);
      return {
        status: 200,
        body: {
          events: page.events.map((e) => ({ ...presentEvent(e), data: e.data ?? null })),
          nextCursor: page.next ? encodeCursor(page.next) : null,
        },
      };
    },
  }),
];
