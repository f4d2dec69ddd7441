import { context, propagation } from '@opentelemetry/api';
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { type WorkflowStart, searchAttributesOf, signalOf, workflowIdOf } from '../../domain/workflow-starts';
import { type Executor, rawClient } from '../client';
import { workflowStarts } from '../schema';

/** The dispatchers LISTEN here; the insert trigger (migration 0021) notifies at commit only. */
export const WORKFLOW_STARTS_CHANNEL = 'mir_workflow_starts';

/** The writer's trace context (W3C headers), so the start joins its trace; null when tracing is off. */
function traceContext(): Record<string, string> | null {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return Object.keys(carrier).length > 0 ? carrier : null;
}

/**
 * Queues workflow starts in the caller's transaction: they happen if, and only once, it commits.
 * One statement, sent before this returns, so a pipelined caller may send its COMMIT right behind
 * it; prepared once per connection. A plain start already waiting for the same workflow id stays
 * the one (a retried request asks for the same start); a signal-with-start is a row of its own
 * (each change must wake the workflow after its commit). The task queue is the connection's.
 */
export function queueWorkflowStarts(tx: Executor, starts: WorkflowStart[]): Promise<void> {
  if (starts.length === 0) return Promise.resolve();
  const trace = traceContext();
  const rows = starts.map((start) => ({
    type: start.type,
    workflowId: workflowIdOf(start),
    args: start.args,
    attributes: searchAttributesOf(start),
    signal: signalOf(start),
    trace,
  }));
  return rawClient(tx)`
    insert into workflow_starts (workflow_type, workflow_id, args, search_attributes, signal, trace_context)
    select r.type, r."workflowId", r.args, r.attributes, r.signal, r.trace
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r(type text, "workflowId" text, args jsonb, attributes jsonb, signal text, trace jsonb)
    on conflict (workflow_id) where signal is null do nothing`.then(() => undefined);
}

export const queueWorkflowStart = (tx: Executor, start: WorkflowStart) => queueWorkflowStarts(tx, [start]);

export type QueuedStart = Awaited<ReturnType<typeof claimDueStarts>>[number];

/**
 * The dispatcher's batch: due rows of its queue, oldest due first, locked to its transaction
 * (FOR UPDATE SKIP LOCKED), so another dispatcher takes other rows and none is started twice.
 */
export function claimDueStarts(tx: Executor, taskQueue: string, limit: number) {
  return tx
    .select({
      id: workflowStarts.id,
      workflowType: workflowStarts.workflowType,
      workflowId: workflowStarts.workflowId,
      args: workflowStarts.args,
      searchAttributes: workflowStarts.searchAttributes,
      signal: workflowStarts.signal,
      traceContext: workflowStarts.traceContext,
      attempts: workflowStarts.attempts,
    })
    .from(workflowStarts)
    .where(and(eq(workflowStarts.taskQueue, taskQueue), lte(workflowStarts.nextAttemptAt, sql`now()`)))
    .orderBy(asc(workflowStarts.nextAttemptAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** Started: the row's work is done. */
export async function deleteStarts(tx: Executor, ids: string[]): Promise<void> {
  if (ids.length > 0) await tx.delete(workflowStarts).where(inArray(workflowStarts.id, ids));
}

/** A failed start, kept with its error; retried after `retryInMs` (0: at the next sweep). */
export async function recordStartFailure(tx: Executor, id: string, error: string, retryInMs: number): Promise<void> {
  await tx
    .update(workflowStarts)
    .set({
      attempts: sql`${workflowStarts.attempts} + 1`,
      lastError: error.slice(0, 2000),
      nextAttemptAt: sql`now() + ${retryInMs} * interval '1 millisecond'`,
    })
    .where(eq(workflowStarts.id, id));
}

/** Whether the workflow's (plain) start still waits in the outbox (its workflow is then not found yet). */
export async function startIsQueued(db: Executor, workflowId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: workflowStarts.id })
    .from(workflowStarts)
    .where(and(eq(workflowStarts.workflowId, workflowId), isNull(workflowStarts.signal)))
    .limit(1);
  return row !== undefined;
}

/** For the API's metrics: how many starts wait, and the oldest one's age. */
export async function workflowStartsBacklog(db: Executor): Promise<{ waiting: number; oldestSeconds: number }> {
  const [row] = await db
    .select({
      waiting: sql<number>`count(*)::int`,
      oldestSeconds: sql<number>`coalesce(extract(epoch from now() - min(${workflowStarts.createdAt})), 0)::float8`,
    })
    .from(workflowStarts);
  return row!;
}

/** For operators (`npm run mir -- outbox`): how many starts wait, and the oldest. */
export async function workflowStartsReport(db: Executor, limit: number) {
  const [counts] = await db
    .select({
      waiting: sql<number>`count(*)::int`,
      failing: sql<number>`count(*) filter (where ${workflowStarts.attempts} > 0)::int`,
    })
    .from(workflowStarts);
  const oldest = await db
    .select({
      id: workflowStarts.id,
      workflowType: workflowStarts.workflowType,
      workflowId: workflowStarts.workflowId,
      taskQueue: workflowStarts.taskQueue,
      searchAttributes: workflowStarts.searchAttributes,
      signal: workflowStarts.signal,
      attempts: workflowStarts.attempts,
      lastError: workflowStarts.lastError,
      nextAttemptAt: workflowStarts.nextAttemptAt,
      createdAt: workflowStarts.createdAt,
      ageSeconds: sql<number>`extract(epoch from now() - ${workflowStarts.createdAt})::float8`,
    })
    .from(workflowStarts)
    .orderBy(asc(workflowStarts.createdAt))
    .limit(limit);
  return { counts: counts!, oldest };
}
