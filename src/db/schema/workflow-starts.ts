import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns';

/**
 * The outbox of workflow starts (docs/adr/0006-workflow-start-outbox.md): written in the
 * transaction of the change a workflow follows, deleted by the worker's dispatcher once Temporal
 * has the workflow. `id` is also the start's request id, so starting a row twice starts one run.
 */
export const workflowStarts = pgTable(
  'workflow_starts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workflowType: text('workflow_type').notNull(),
    workflowId: text('workflow_id').notNull(),
    args: jsonb('args').notNull(),
    searchAttributes: jsonb('search_attributes').$type<Record<string, string>>().notNull(),
    /** Signal-with-start (migration 0026): the signal that wakes the workflow; null for a plain start. */
    signal: text('signal'),
    /** The writer's TEMPORAL_TASK_QUEUE, from its connection's `mir.task_queue` setting. */
    taskQueue: text('task_queue')
      .notNull()
      .default(sql`current_setting('mir.task_queue')`),
    /** The writer's trace context (W3C headers) when tracing is on, so the start joins its trace. */
    traceContext: jsonb('trace_context').$type<Record<string, string>>(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    // One waiting plain start per workflow; every signal is its own row (migration 0026 says why).
    uniqueIndex('workflow_starts_workflow_id_idx')
      .on(t.workflowId)
      .where(sql`${t.signal} IS NULL`),
    index('workflow_starts_due_idx').on(t.taskQueue, t.nextAttemptAt),
  ],
);
