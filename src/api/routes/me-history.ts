import { z } from 'zod';
import { listAccessLog } from '../../db/queries/access-log';
import { MAX_EVENT_TYPES } from '../../db/queries/own-history';
import { ACCESS_OPERATIONS } from '../../db/schema';
import { encodeCursor } from '../../domain/cursor';
import { TIER_LABELS, tierLabel } from '../../domain/tiers';
import { ownHistory } from '../../services/own-history';
import { defineRoute } from '../route';
import { cursorParam } from '../schemas/pagination';

const iso = (d: Date | null) => d?.toISOString() ?? null;
const partner = z.object({ id: z.string(), name: z.string() });

const historyResponse = z.object({
  tier: z.int().min(0).max(3),
  tierLabel: z.enum(TIER_LABELS),
  eventCount: z.int(),
  partnerCount: z.int(),
  firstEventAt: z.iso.datetime().nullable(),
  lastEventAt: z.iso.datetime().nullable(),
  daysSinceFirstEvent: z.int().nullable(),
  daysSinceLastEvent: z.int().nullable(),
  partners: z.array(
    z.object({
      partner,
      linkedAt: z.iso.datetime(),
      eventCount: z.int(),
      firstEventAt: z.iso.datetime().nullable(),
      lastEventAt: z.iso.datetime().nullable(),
      eventTypes: z
        .array(z.object({ type: z.string(), count: z.int() }))
        .describe(`The most frequent ${MAX_EVENT_TYPES} event types, most frequent first`),
      eventTypesTruncated: z.boolean(),
    }),
  ),
});

const accessEntry = z.object({
  partner,
  operation: z.enum(ACCESS_OPERATIONS),
  action: z.string().nullable().describe('The action a policy evaluation decided (evaluate only)'),
  outcome: z.string().nullable().describe('allow, deny, step_up or limit (evaluate only); never a score'),
  at: z.iso.datetime(),
});

export const meHistoryRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/me/history',
    operationId: 'getMyHistory',
    summary: 'Your history as the partners you linked see it, and what each of them holds',
    tags: ['Accounts'],
    auth: 'user',
    responses: { 200: { description: 'Your history', schema: historyResponse } },
    handler: async ({ principal, db }) => {
      const h = await ownHistory(db, principal.userId, new Date());
      return {
        status: 200,
        body: {
          tier: h.tier,
          tierLabel: tierLabel(h.tier),
          eventCount: h.eventCount,
          partnerCount: h.partnerCount,
          firstEventAt: iso(h.firstEventAt),
          lastEventAt: iso(h.lastEventAt),
          daysSinceFirstEvent: h.daysSinceFirstEvent,
          daysSinceLastEvent: h.daysSinceLastEvent,
          partners: h.partners.map((p) => ({
            partner: { id: p.partnerId, name: p.partnerName },
            linkedAt: p.linkedAt.toISOString(),
            eventCount: p.eventCount,
            firstEventAt: iso(p.firstEventAt),
            lastEventAt: iso(p.lastEventAt),
            eventTypes: p.eventTypes,
            eventTypesTruncated: p.eventTypesTruncated,
          })),
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/me/access-log',
    operationId: 'getMyAccessLog',
    summary: 'Every lookup of you by a partner you are linked to (resolve, evaluate, link status), newest first',
    tags: ['Accounts'],
    auth: 'user',
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(50), cursor: cursorParam }),
    responses: {
      200: {
        description: 'One page of lookups',
        schema: z.object({ entries: z.array(accessEntry), nextCursor: z.string().nullable() }),
      },
    },
    handler: async ({ principal, db, query }) => {
      const page = await listAccessLog(db, principal.userId, query);
      return {
        status: 200,
        body: {
          entries: page.items.map((e) => ({
            partner: { id: e.partnerId, name: e.partnerName },
            operation: e.operation,
            action: e.action,
            outcome: e.outcome,
            at: e.at.toISOString(),
          })),
          nextCursor: page.next ? encodeCursor(page.next) : null,
        },
      };
    },
  }),
];
