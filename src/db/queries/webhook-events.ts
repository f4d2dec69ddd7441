import { sql } from 'drizzle-orm';
import { newId } from '../../domain/ids';
import { type AnyWebhookEventType, WILDCARD, type WebhookEventType, type WebhookPayload } from '../../domain/webhooks';
import { type Executor, rawClient } from '../client';
import { webhookDeliveries, webhookMessages } from '../schema';

/** The dispatcher LISTENs here; NOTIFY is delivered at commit, so a rolled-back change wakes nobody. */
export const WEBHOOK_OUTBOX_CHANNEL = 'mir_webhook_outbox';

let processTaskQueue: string | null = null;

/**
 * The task queue this process starts workflows on (the API's and the worker's
 * TEMPORAL_TASK_QUEUE): deliveries of the changes it writes run there, as its other workflows do.
 */
export function setWebhookTaskQueue(queue: string): void {
  processTaskQueue = queue;
}

async function enqueue(
  tx: Executor,
  organizationId: string,
  type: AnyWebhookEventType,
  data: object,
  endpointIds: string[],
) {
  if (endpointIds.length === 0) return null;
  const payload: WebhookPayload = { type, timestamp: new Date().toISOString(), data: { ...data } };
  const messageId = newId('msg');
  await tx.insert(webhookMessages).values({ id: messageId, organizationId, type, payload: { ...payload } });
  const deliveries = await tx
    .insert(webhookDeliveries)
    .values(
      endpointIds.map((endpointId) => ({
        id: newId('whd'),
        organizationId,
        endpointId,
        messageId,
        eventType: type,
        taskQueue: processTaskQueue,
      })),
    )
    .returning({ id: webhookDeliveries.id });
  await tx.execute(sql`select pg_notify(${WEBHOOK_OUTBOX_CHANNEL}, '')`);
  return { messageId, deliveryIds: deliveries.map((d) => d.id) };
}

/**
 * Call inside the transaction that makes the change: one delivery row per enabled endpoint of the
 * organisation subscribed to `type` (none, and nothing is written). Data holds ids and non-secret
 * fields only: never a key, token or a person's email address.
 */
export async function recordWebhookEvent(
  tx: Executor,
  organizationId: string,
  type: WebhookEventType,
  data: object,
): Promise<void> {
  // Prepared once per connection: every change that can be announced asks this, mostly to hear "none".
  const endpoints = await rawClient(tx)<{ id: string }[]>`
    select id from webhook_endpoints
    where organization_id = ${organizationId} and enabled and event_types && array[${type}, ${WILDCARD}]::text[]`;
  await enqueue(
    tx,
    organizationId,
    type,
    data,
    endpoints.map((e) => e.id),
  );
}

/** `webhook.test` to one endpoint, whatever it subscribed to. */
export async function recordTestEvent(tx: Executor, organizationId: string, endpointId: string, data: object) {
  return (await enqueue(tx, organizationId, 'webhook.test', data, [endpointId]))!;
}
