import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from '../schema';
import { writeAudit } from './audit';

export interface AttemptResult {
  succeeded: boolean;
  httpStatus: number | null;
  latencyMs: number;
  error: string | null;
  responseBody: string | null;
}

export interface AttemptRecord {
  deliveryId: string;
  attempt: number;
  /** Wait before the next attempt; null when this was the last one. */
  nextDelayMs: number | null;
  /** An endpoint failing continuously for this long is disabled. */
  disableAfterMs: number;
}

/** What the workflow learns: ids and statuses only. */
export interface AttemptOutcome {
  deliveryId: string;
  attempt: number;
  status: 'SUCCEEDED' | 'FAILED' | 'RETRYING';
  httpStatus: number | null;
  endpointDisabled: boolean;
}

async function disableEndpoint(tx: Executor, endpointId: string, organizationId: string, reason: string) {
  const [row] = await tx
    .update(webhookEndpoints)
    .set({ enabled: false, disabledReason: reason, disabledAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.enabled, true)))
    .returning({ id: webhookEndpoints.id });
  if (!row) return;
  await writeAudit(tx, {
    organizationId,
    actor: { type: 'system', id: 'webhookDelivery' },
    action: 'webhook.disabled',
    targetType: 'webhook_endpoint',
    targetId: endpointId,
    details: { reason },
  });
}

/** Why the endpoint is disabled now, or null: a 410, or failing without a success for too long. */
async function disableReason(tx: Executor, endpointId: string, result: AttemptResult, disableAfterMs: number) {
  if (result.httpStatus === 410) return 'the endpoint answered 410 Gone';
  const [row] = await tx
    .update(webhookEndpoints)
    .set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, now())` })
    .where(eq(webhookEndpoints.id, endpointId))
    .returning({
      since: webhookEndpoints.failingSince,
      tooLong: sql<boolean>`${webhookEndpoints.failingSince} <= now() - make_interval(secs => ${disableAfterMs / 1000})`,
    });
  if (!row?.tooLong) return null;
  const days = Math.round(disableAfterMs / 86_400_000);
  return `every delivery failed since ${row.since!.toISOString()} (${days} days or more)`;
}

/**
 * One attempt's row, the delivery's state and the endpoint's health in one transaction. Keyed by
 * (delivery, attempt number): a retried activity finds its attempt recorded and answers it again.
 */
export async function recordAttempt(
  db: Executor,
  record: AttemptRecord,
  result: AttemptResult,
): Promise<AttemptOutcome> {
  return db.transaction(async (tx) => {
    const [delivery] = await tx
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.id, record.deliveryId))
      .for('update');
    if (!delivery) return { ...record, status: 'FAILED', httpStatus: null, endpointDisabled: false };
    const [inserted] = await tx
      .insert(webhookAttempts)
      .values({ deliveryId: record.deliveryId, attempt: record.attempt, ...result })
      .onConflictDoNothing()
      .returning();
    if (!inserted) return outcomeOf(tx, record, delivery.status);
    let reason: string | null = null;
    if (result.succeeded) {
      await tx.update(webhookEndpoints).set({ failingSince: null }).where(eq(webhookEndpoints.id, delivery.endpointId));
    } else {
      reason = await disableReason(tx, delivery.endpointId, result, record.disableAfterMs);
      if (reason) await disableEndpoint(tx, delivery.endpointId, delivery.organizationId, reason);
    }
    const retrying = !result.succeeded && !reason && record.nextDelayMs !== null;
    const status = result.succeeded ? 'SUCCEEDED' : retrying ? 'RETRYING' : 'FAILED';
    await tx
      .update(webhookDeliveries)
      .set({
        attempts: sql`greatest(${webhookDeliveries.attempts}, ${record.attempt})`,
        status: status === 'RETRYING' ? 'PENDING' : status,
        nextAttemptAt: retrying ? sql`now() + make_interval(secs => ${record.nextDelayMs! / 1000})` : null,
        completedAt: retrying ? null : sql`now()`,
        failureReason: status === 'FAILED' ? (reason ?? 'no attempt succeeded') : null,
      })
      .where(eq(webhookDeliveries.id, delivery.id));
    return { ...record, status, httpStatus: result.httpStatus, endpointDisabled: reason !== null };
  });
}

async function outcomeOf(tx: Executor, record: AttemptRecord, status: string): Promise<AttemptOutcome> {
  const [attempt] = await tx
    .select()
    .from(webhookAttempts)
    .where(and(eq(webhookAttempts.deliveryId, record.deliveryId), eq(webhookAttempts.attempt, record.attempt)));
  const [endpoint] = await tx
    .select({ enabled: webhookEndpoints.enabled })
    .from(webhookEndpoints)
    .innerJoin(webhookDeliveries, eq(webhookDeliveries.endpointId, webhookEndpoints.id))
    .where(eq(webhookDeliveries.id, record.deliveryId));
  const settled = status === 'SUCCEEDED' || status === 'FAILED';
  return {
    deliveryId: record.deliveryId,
    attempt: record.attempt,
    status: settled ? (status as 'SUCCEEDED' | 'FAILED') : 'RETRYING',
    httpStatus: attempt?.httpStatus ?? null,
    endpointDisabled: endpoint ? !endpoint.enabled : false,
  };
}

/** A delivery that cannot be attempted (its endpoint was disabled meanwhile) ends as FAILED. */
export async function abandonDelivery(db: Executor, deliveryId: string, reason: string): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({ status: 'FAILED', failureReason: reason, nextAttemptAt: null, completedAt: sql`now()` })
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, 'PENDING')));
}
