import { z } from 'zod';
import { historyOf } from '../../db/queries/history';
import { TIER_LABELS, daysSince, tierFor, tierLabel } from '../../domain/tiers';
import { ApiError } from '../../domain/errors';
import { defineRoute } from '../route';
import { userIdSchema } from '../schemas/events';
import { EXAMPLE_USER, minutesAgo } from '../openapi-examples';

const resolveBody = z.strictObject({ userId: userIdSchema });

const resolveResponse = z.object({
  userId: z.string(),
  tier: z.int().min(0).max(3),
  tierLabel: z.enum(TIER_LABELS),
  eventCount: z.int(),
  partnerCount: z.int(),
  firstEventAt: z.iso.datetime().nullable(),
  lastEventAt: z.iso.datetime().nullable(),
  daysSinceFirstEvent: z.int().nullable(),
  daysSinceLastEvent: z.int().nullable(),
  linked: z.boolean(),
});

export const resolveRoutes = [
  defineRoute({
    method: 'post',
    path: '/resolve',
    operationId: 'resolveUser',
    versioned: true,
    summary: "A user's history signals: neutral facts about depth, never a score",
    description:
      "Facts about a user's history: event and partner counts, first and last event, a tier (0-3 and its label) and whether they linked their MIR account; never a score. A user with no history visible to your organisation is 404 `user_not_found`, whether or not they exist elsewhere.",
    tags: ['Resolve'],
    auth: 'partner',
    access: { permission: 'users:resolve' },
    body: resolveBody,
    example: {
      body: { userId: EXAMPLE_USER },
      response: {
        userId: EXAMPLE_USER,
        tier: 1,
        tierLabel: 'limited',
        eventCount: 3,
        partnerCount: 1,
        firstEventAt: minutesAgo(40 * 1440),
        lastEventAt: minutesAgo(12),
        daysSinceFirstEvent: 40,
        daysSinceLastEvent: 0,
        linked: false,
      },
    },
    errors: ['user_not_found'],
    responses: { 200: { description: 'History signals', schema: resolveResponse } },
    handler: async ({ body, db, principal, deps }) => {
      const history = await historyOf(db, principal.organizationId, body.userId);
      // The same answer whether the user exists elsewhere or nowhere: resolve is no existence oracle.
      if (!history) throw new ApiError('user_not_found', 'No history for this userId is visible to your organization');
      const now = new Date();
      if (history.link) {
        deps.accessLog.record(
          [{ link: history.link, organizationId: principal.organizationId, operation: 'resolve' }],
          now,
        );
      }
      const tier = tierFor(history, now);
      return {
        status: 200,
        body: {
          userId: body.userId,
          tier,
          tierLabel: tierLabel(tier),
          eventCount: history.eventCount,
          partnerCount: history.partnerCount,
          firstEventAt: history.firstEventAt?.toISOString() ?? null,
          lastEventAt: history.lastEventAt?.toISOString() ?? null,
          daysSinceFirstEvent: daysSince(history.firstEventAt, now),
          daysSinceLastEvent: daysSince(history.lastEventAt, now),
          linked: history.linked,
        },
      };
    },
  }),
];
