import type { Executor } from '../../db/client';
import type { AuditActor } from '../../db/queries/audit';
import { type WebhookDelivery, retryDelivery } from '../../db/queries/webhook-deliveries';
import { findWebhookEndpoint } from '../../db/queries/webhook-endpoints';
import { ApiError } from '../../domain/errors';

/**
 * Sends a delivery's message again as a new delivery (POST /v1/webhooks/:id/deliveries/:id/retry
 * and the console's retry button): refused while the endpoint is disabled. With `once`, only a
 * FAILED delivery that was not retried yet is, so a double click or two people at once retry once.
 */
export async function retryWebhookDelivery(
  db: Executor,
  params: {
    organizationId: string;
    endpointId: string;
    deliveryId: string;
    actor: AuditActor;
    requestId: string;
    once?: boolean;
  },
): Promise<WebhookDelivery> {
  const endpoint = await findWebhookEndpoint(db, params.organizationId, params.endpointId);
  if (!endpoint) throw new ApiError('webhook_not_found', `Webhook ${params.endpointId} not found`);
  if (!endpoint.enabled) {
    throw new ApiError('invalid_state', `Webhook ${params.endpointId} is disabled; enable it first`, {
      disabledReason: endpoint.disabledReason,
    });
  }
  const outcome = await retryDelivery(db, params);
  if (!outcome) throw new ApiError('delivery_not_found', `Delivery ${params.deliveryId} not found`);
  if ('retry' in outcome) return outcome.retry;
  if (outcome.refused === 'already_retried') {
    throw new ApiError('invalid_state', `Delivery ${params.deliveryId} was already retried as ${outcome.retriedAs}`, {
      retriedAs: outcome.retriedAs,
    });
  }
  throw new ApiError('invalid_state', `Delivery ${params.deliveryId} is ${outcome.status}, not FAILED`, {
    status: outcome.status,
  });
}
