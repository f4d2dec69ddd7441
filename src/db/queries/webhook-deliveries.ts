import { and, asc, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Cursor } from '../../domain/cursor';
import { newId } from '../../domain/ids';
import type { Executor } from '../client';
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookMessages } from '../schema';
import { type AuditActor, writeAudit } from './audit';
import { WEBHOOK_OUTBOX_CHANNEL } from './webhook-events';

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

/** A manual retry: a new delivery of the same message to the same endpoint, dispatched like any other. */
export async function retryDelivery(
  db: Executor,
  params: { organizationId: string; endpointId: string; deliveryId: string; actor: AuditActor; requestId: string },
  taskQueue: string | null,
): Promise<WebhookDelivery | null> {
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
      );
    if (!original) return null;
    const [retry] = await tx
      .insert(webhookDeliveries)
      .values({
        id: newId('whd'),
        organizationId: original.organizationId,
        endpointId: original.endpointId,
        messageId: original.messageId,
        eventType: original.eventType,
        retryOf: original.id,
        taskQueue,
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
    await tx.execute(sql`select pg_notify(${WEBHOOK_OUTBOX_CHANNEL}, '')`);
    return retry!;
  });
}

/** The outbox: deliveries no workflow was started for yet, oldest first. */
export async function undispatchedDeliveries(db: Executor, limit: number) {
  return db
    .select({
      id: webhookDeliveries.id,
      organizationId: webhookDeliveries.organizationId,
      endpointId: webhookDeliveries.endpointId,
      eventType: webhookDeliveries.eventType,
      taskQueue: webhookDeliveries.taskQueue,
    })
    .from(webhookDeliveries)
    .where(isNull(webhookDeliveries.dispatchedAt))
    .orderBy(asc(webhookDeliveries.createdAt))
    .limit(limit);
}

export async function markDispatched(db: Executor, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(webhookDeliveries)
    .set({ dispatchedAt: sql`now()` })
    .where(and(inArray(webhookDeliveries.id, ids), isNull(webhookDeliveries.dispatchedAt)));
}

/** For operators (`npm run mir -- outbox`): what waits to be started, and what is still being retried. */
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
      .where(
        dispatched
          ? and(eq(webhookDeliveries.status, 'PENDING'), sql`${webhookDeliveries.dispatchedAt} is not null`)
          : isNull(webhookDeliveries.dispatchedAt),
      )
      .orderBy(asc(webhookDeliveries.createdAt))
      .limit(limit);
  const [counts] = await db
    .select({
      undispatched: sql<number>`count(*) filter (where ${webhookDeliveries.dispatchedAt} is null)::int`,
      pending: sql<number>`count(*) filter (where ${webhookDeliveries.dispatchedAt} is not null)::int`,
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
