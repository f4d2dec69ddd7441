import type { WebhookAttempt, WebhookDelivery } from '../../db/queries/webhook-deliveries';
import type { WebhookEndpoint } from '../../db/queries/webhook-endpoints';
import { workflowIds } from '../../domain/workflow-ids';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Never a secret, not even encrypted. */
export function presentWebhook(e: WebhookEndpoint) {
  const overlap = e.previousSecretExpiresAt && e.previousSecretExpiresAt.getTime() > Date.now();
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    eventTypes: e.eventTypes,
    enabled: e.enabled,
    disabledReason: e.enabled ? null : e.disabledReason,
    disabledAt: e.enabled ? null : iso(e.disabledAt),
    failingSince: iso(e.failingSince),
    previousSecretExpiresAt: overlap ? iso(e.previousSecretExpiresAt) : null,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

export function presentDelivery(d: WebhookDelivery & { attemptLog: WebhookAttempt[] }) {
  return {
    id: d.id,
    messageId: d.messageId,
    eventType: d.eventType,
    status: d.status,
    attempts: d.attemptLog.map((a) => ({
      attempt: a.attempt,
      attemptedAt: a.attemptedAt.toISOString(),
      succeeded: a.succeeded,
      httpStatus: a.httpStatus,
      latencyMs: a.latencyMs,
      error: a.error,
      responseBody: a.responseBody,
    })),
    nextAttemptAt: d.status === 'PENDING' ? iso(d.nextAttemptAt) : null,
    completedAt: iso(d.completedAt),
    failureReason: d.failureReason,
    retryOf: d.retryOf,
    workflowId: workflowIds.webhookDelivery(d.id),
    createdAt: d.createdAt.toISOString(),
  };
}
