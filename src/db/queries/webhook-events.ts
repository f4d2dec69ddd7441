import { newId } from '../../domain/ids';
import { type AnyWebhookEventType, WILDCARD, type WebhookEventType, type WebhookPayload } from '../../domain/webhooks';
import { type Executor, rawClient } from '../client';
import { queueWorkflowStarts } from './workflow-starts';

/**
 * The message, one delivery row per endpoint and the start of each delivery's workflow (the
 * outbox). Its three statements are all sent before this returns, in order, so a caller that has
 * its endpoints already may send its COMMIT right behind them. No endpoint, nothing written.
 */
export function enqueueWebhookEvent(
  tx: Executor,
  organizationId: string,
  type: AnyWebhookEventType,
  data: object,
  endpointIds: string[],
): Promise<{ messageId: string; deliveryIds: string[] } | null> {
  if (endpointIds.length === 0) return Promise.resolve(null);
  const payload: WebhookPayload = { type, timestamp: new Date().toISOString(), data: { ...data } };
  const messageId = newId('msg');
  const deliveryIds = endpointIds.map(() => newId('whd'));
  const sql = rawClient(tx);
  return Promise.all([
    sql`insert into webhook_messages (id, organization_id, type, payload)
      values (${messageId}, ${organizationId}, ${type}, ${JSON.stringify(payload)}::jsonb)`,
    sql`insert into webhook_deliveries (id, organization_id, endpoint_id, message_id, event_type)
      select d.id, ${organizationId}::text, d.endpoint_id, ${messageId}::text, ${type}::text
      from unnest(${deliveryIds}::text[], ${endpointIds}::text[]) as d(id, endpoint_id)`,
    queueWorkflowStarts(
      tx,
      deliveryIds.map((deliveryId, i) => ({
        type: 'webhookDeliveryWorkflow',
        args: { deliveryId, organizationId, endpointId: endpointIds[i]!, eventType: type },
      })),
    ),
  ]).then(() => ({ messageId, deliveryIds }));
}

/** The organisation's enabled endpoints subscribed to `type`; prepared, as nearly every change asks it. */
export async function subscribedEndpoints(tx: Executor, organizationId: string, type: WebhookEventType) {
  const rows = await rawClient(tx)<{ id: string }[]>`
    select id from webhook_endpoints
    where organization_id = ${organizationId} and enabled and event_types && array[${type}, ${WILDCARD}]::text[]`;
  return rows.map((r) => r.id);
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
  await enqueueWebhookEvent(tx, organizationId, type, data, await subscribedEndpoints(tx, organizationId, type));
}

/** `webhook.test` to one endpoint, whatever it subscribed to. */
export async function recordTestEvent(tx: Executor, organizationId: string, endpointId: string, data: object) {
  return (await enqueueWebhookEvent(tx, organizationId, 'webhook.test', data, [endpointId]))!;
}
