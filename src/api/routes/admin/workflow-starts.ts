import { z } from 'zod';
import { outboxReport } from '../../../db/queries/webhook-deliveries';
import { workflowStartsReport } from '../../../db/queries/workflow-starts';
import { defineRoute } from '../../route';

const start = z.object({
  id: z.string(),
  workflowType: z.string(),
  workflowId: z.string(),
  taskQueue: z.string(),
  searchAttributes: z.record(z.string(), z.string()),
  signal: z.string().nullable().describe('Signal-with-start: the signal sent with it; null for a plain start'),
  attempts: z.int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string(),
  createdAt: z.string(),
  ageSeconds: z.number(),
});

const retrying = z.object({
  id: z.string(),
  organizationId: z.string(),
  eventType: z.string(),
  attempts: z.int(),
  nextAttemptAt: z.string().nullable(),
  ageSeconds: z.number(),
});

const age = (seconds: number) => Math.round(seconds * 10) / 10;

export const adminWorkflowStartRoutes = [
  defineRoute({
    method: 'get',
    path: '/admin/workflow-starts',
    operationId: 'adminListWorkflowStarts',
    summary:
      'Workflow starts waiting in the outbox for a worker of their task queue, oldest first, and webhook deliveries still being retried',
    tags: ['Admin'],
    auth: 'admin',
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
    responses: {
      200: {
        description: 'Counts and the oldest rows of each',
        schema: z.object({
          counts: z.object({ waiting: z.int(), failing: z.int(), retryingDeliveries: z.int() }),
          starts: z.array(start),
          retryingDeliveries: z.array(retrying),
        }),
      },
    },
    handler: async ({ query, db }) => {
      const starts = await workflowStartsReport(db, query.limit);
      const deliveries = await outboxReport(db, query.limit);
      return {
        status: 200,
        body: {
          counts: { ...starts.counts, retryingDeliveries: deliveries.counts.pending },
          starts: starts.oldest.map((s) => ({
            ...s,
            nextAttemptAt: s.nextAttemptAt.toISOString(),
            createdAt: s.createdAt.toISOString(),
            ageSeconds: age(s.ageSeconds),
          })),
          retryingDeliveries: deliveries.pending.map((d) => ({
            id: d.id,
            organizationId: d.organizationId,
            eventType: d.eventType,
            attempts: d.attempts,
            nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
            ageSeconds: age(d.ageSeconds),
          })),
        },
      };
    },
  }),
];
