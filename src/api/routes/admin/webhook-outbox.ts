import { z } from 'zod';
import { outboxReport } from '../../../db/queries/webhook-deliveries';
import { defineRoute } from '../../route';

const waiting = z.object({
  id: z.string(),
  organizationId: z.string(),
  endpointId: z.string(),
  eventType: z.string(),
  attempts: z.int(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  ageSeconds: z.number(),
});

type Row = Awaited<ReturnType<typeof outboxReport>>['pending'][number];
const present = (r: Row) => ({
  ...r,
  nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
  ageSeconds: Math.round(r.ageSeconds * 10) / 10,
});

export const adminWebhookOutboxRoutes = [
  defineRoute({
    method: 'get',
    path: '/admin/webhooks/outbox',
    operationId: 'adminGetWebhookOutbox',
    summary: 'Webhook deliveries not started yet (the outbox) and those still being retried, oldest first',
    tags: ['Admin'],
    auth: 'admin',
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
    responses: {
      200: {
        description: 'Counts and the oldest rows of each',
        schema: z.object({
          counts: z.object({ undispatched: z.int(), pending: z.int() }),
          undispatched: z.array(waiting),
          pending: z.array(waiting),
        }),
      },
    },
    handler: async ({ query, db }) => {
      const report = await outboxReport(db, query.limit);
      return {
        status: 200,
        body: {
          counts: report.counts,
          undispatched: report.undispatched.map(present),
          pending: report.pending.map(present),
        },
      };
    },
  }),
];
