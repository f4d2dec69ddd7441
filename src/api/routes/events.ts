import { encodeCursor } from '../../domain/cursor';
import { listEvents } from '../../db/queries/event-list';
import { type StoredEvent, insertEvent } from '../../db/queries/events';
import type { PartnerPrincipal } from '../../domain/principals';
import { ApiError, userSuppressed } from '../../domain/errors';
import { defineRoute } from '../route';
import { eventTypeAllowed } from '../../domain/agents';
import { eventInputSchema, listEventsQuery, listEventsResponse, storedEventSchema } from '../schemas/events';
import { EXAMPLE_USER, minutesAgo } from '../openapi-examples';

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

/** An agent may only submit the types its allowlist covers; partner keys have no allowlist. */
export function eventTypeRefusal(principal: PartnerPrincipal, type: string): ApiError | null {
  const agent = principal.agent;
  if (!agent || (eventTypeAllowed(agent, type) && agent.ancestorEventScopes.every((a) => eventTypeAllowed(a, type)))) {
    return null;
  }
  return new ApiError('event_type_not_allowed', `This agent may not submit events of type ${type}`, { type });
}

function assertEventTypeAllowed(principal: PartnerPrincipal, type: string): void {
  const refusal = eventTypeRefusal(principal, type);
  if (refusal) throw refusal;
}

export const eventRoutes = [
  defineRoute({
    method: 'post',
    path: '/events',
    operationId: 'createEvent',
    versioned: true,
    summary: 'Submit an event for one of your users (creates the user on first sight)',
    description:
      'An event is a neutral fact about something one of your users did, named `category.action` (`review.posted`). `occurredAt` defaults to now and may be at most 5 minutes ahead. Send an `Idempotency-Key` to retry safely. A user your organisation suppressed is refused (409 `user_suppressed`); an agent sends only the types it is allowed (403 `event_type_not_allowed`).',
    tags: ['Events'],
    auth: 'partner',
    access: { permission: 'events:write' },
    body: eventInputSchema,
    example: {
      body: {
        type: 'review.posted',
        userId: EXAMPLE_USER,
        significance: 'normal',
        data: { rating: 5, listingId: 'lst_9921' },
        occurredAt: minutesAgo(12),
      },
      response: {
        id: 'evt_01kbw3h2q8zk4m7t9xh2c5n6pd',
        type: 'review.posted',
        userId: EXAMPLE_USER,
        significance: 'normal',
        occurredAt: minutesAgo(12),
        receivedAt: minutesAgo(0),
      },
    },
    errors: ['user_suppressed', 'event_type_not_allowed'],
    responses: { 201: { description: 'Stored', schema: storedEventSchema } },
    handler: async ({ body, db, deps, principal, atomic }) => {
      assertEventTypeAllowed(principal, body.type);
      const event = { ...body, occurredAt: body.occurredAt ?? new Date() };
      // Under an Idempotency-Key `db` is the transaction that also stores the answer.
      const stored = atomic
        ? await insertEvent(db, principal.organizationId, event)
        : await deps.events.write(principal.organizationId, event);
      if (!stored) throw userSuppressed(body.userId);
      deps.metrics.eventsIngested.inc();
      return { status: 201, body: presentEvent(stored) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/events',
    operationId: 'listEvents',
    versioned: true,
    summary: 'List the events your organisation submitted, newest first',
    tags: ['Events'],
    auth: 'partner',
    access: { permission: 'events:read' },
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
