import { and, asc, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Cursor } from '../../domain/cursor';
import { newId } from '../../domain/ids';
import type { Executor } from '../client';
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookMessages, workflowStarts } from '../schema';
import { type AuditActor, writeAudit } from './audit';
import { queueWorkflowStart } from './workflow-starts';

export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export type WebhookAttempt = typeof webhookAttempts.$inferSelect;

/** One page of an endpoint's deliveries, newest first, each with its attempts in order. */
export async function listDeliveries(db: Executor, endpointId: string, page: { limit: number; cursor?: Cursor }) {
  const after = page.cursor
    ? or(
        lt(webhookDeliveries.createdAt, page.cursor.at),
        and(eq(webhookDeliveries.createdAt, page.cursor.at), lt(webhookDeliveries.id, page.cursor.id)),
      )
    : undefined;
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.endpointId, endpointId), after))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(page.limit + 1);
  const kept = rows.slice(0, page.limit);
  const attempts = kept.length
    ? await db
        .select()
        .from(webhookAttempts)
        .where(
          inArray(
            webhookAttempts.deliveryId,
            kept.map((d) => d.id),
          ),
        )
        .orderBy(asc(webhookAttempts.attempt))
    : [];
  const last = kept[kept.length - 1];
  return {
    deliveries: kept.map((d) => ({ ...d, attemptLog: attempts.filter((a) => a.deliveryId === d.id) })),
    next: rows.length > page.limit && last ? { at: last.createdAt, id: last.id } : null,
  };
}

export type RetryOutcome =
  | { retry: WebhookDelivery }
  | { refused: 'not_failed'; status: WebhookDelivery['status'] }
  | { refused: 'already_retried'; retriedAs: string };

/**
 * A manual retry: a new delivery of the same message to the same endpoint, dispatched like any
 * other. `once` (the console's button) retries only a FAILED delivery not retried yet: the
 * original's row lock makes two such retries at once one retry and one refusal.
 */
export async function retryDelivery(
  db: Executor,
  params: {
    organizationId: string;
    endpointId: string;
    deliveryId: string;
    actor: AuditActor;
    requestId: string;
    once?: boolean;
  },
): Promise<RetryOutcome | null> {
  return db.transaction(async (tx) => {
    const [original] = await tx
      .select()
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.id, params.deliveryId),
          eq(webhookDeliveries.endpointId, params.endpointId),
          eq(webhookDeliveries.organizationId, params.organizationId),
        ),
      )
      .for('update');
    if (!original) return null;
    if (params.once) {
      if (original.status !== 'FAILED') return { refused: 'not_failed', status: original.status };
      const [earlier] = await retriesOf(tx, [original.id]);
      if (earlier) return { refused: 'already_retried', retriedAs: earlier.id };
    }
    const [retry] = await tx
      .insert(webhookDeliveries)
      .values({
        id: newId('whd'),
        organizationId: original.organizationId,
        endpointId: original.endpointId,
        messageId: original.messageId,
        eventType: original.eventType,
        retryOf: original.id,
      })
      .returning();
    await writeAudit(tx, {
      organizationId: params.organizationId,
      actor: params.actor,
      requestId: params.requestId,
      action: 'webhook.delivery_retried',
      targetType: 'webhook_delivery',
      targetId: retry!.id,
      details: { retryOf: original.id, endpointId: original.endpointId, messageId: original.messageId },
    });
    await queueWorkflowStart(tx, {
      type: 'webhookDeliveryWorkflow',
      args: {
        deliveryId: retry!.id,
        organizationId: retry!.organizationId,
        endpointId: retry!.endpointId,
        eventType: retry!.eventType,
      },
    });
    return { retry: retry! };
  });
}

/** The manual retries made of these deliveries (webhook_deliveries_retry_of_idx, migration 0033). */
export async function retriesOf(db: Executor, deliveryIds: readonly string[]) {
  if (deliveryIds.length === 0) return [];
  return db
    .select({ id: webhookDeliveries.id, retryOf: webhookDeliveries.retryOf })
    .from(webhookDeliveries)
    .where(inArray(webhookDeliveries.retryOf, [...deliveryIds]))
    .orderBy(asc(webhookDeliveries.createdAt));
}

/** Deliveries whose workflow's start still waits in the outbox. */
const undispatched = sql`${webhookDeliveries.id} in (
  select ${workflowStarts.args}->>'deliveryId' from ${workflowStarts}
  where ${workflowStarts.workflowType} = 'webhookDeliveryWorkflow')`;

/** For operators: what waits to be started, and what is still being retried. */
export async function outboxReport(db: Executor, limit: number) {
  const waiting = (dispatched: boolean) =>
    db
      .select({
        id: webhookDeliveries.id,
        organizationId: webhookDeliveries.organizationId,
        endpointId: webhookDeliveries.endpointId,
        eventType: webhookDeliveries.eventType,
        attempts: webhookDeliveries.attempts,
        nextAttemptAt: webhookDeliveries.nextAttemptAt,
        createdAt: webhookDeliveries.createdAt,
        ageSeconds: sql<number>`extract(epoch from now() - ${webhookDeliveries.createdAt})::float8`,
      })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.status, 'PENDING'), dispatched ? sql`not ${undispatched}` : undispatched))
      .orderBy(asc(webhookDeliveries.createdAt))
      .limit(limit);
  const [counts] = await db
    .select({
      undispatched: sql<number>`count(*) filter (where ${undispatched})::int`,
      pending: sql<number>`count(*) filter (where not ${undispatched})::int`,
    })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.status, 'PENDING'));
  return { counts: counts!, undispatched: await waiting(false), pending: await waiting(true) };
}

/** Everything one attempt needs, read fresh: the endpoint may have been disabled, rotated or deleted. */
export async function deliveryForAttempt(db: Executor, deliveryId: string) {
  const [row] = await db
    .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints, message: webhookMessages })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .innerJoin(webhookMessages, eq(webhookMessages.id, webhookDeliveries.messageId))
    .where(eq(webhookDeliveries.id, deliveryId));
  return row ?? null;
}

export async function findAttempt(db: Executor, deliveryId: string, attempt: number) {
  const [row] = await db
    .select()
    .from(webhookAttempts)
    .where(and(eq(webhookAttempts.deliveryId, deliveryId), eq(webhookAttempts.attempt, attempt)));
  return row ?? null;
}
