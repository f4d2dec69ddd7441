import type { Db } from '../db/client';
import {
  type AttemptOutcome,
  type AttemptResult,
  abandonDelivery,
  recordAttempt,
} from '../db/queries/webhook-attempts';
import { deliveryForAttempt, findAttempt } from '../db/queries/webhook-deliveries';
import { signatureHeader } from '../domain/webhooks';
import { type WebhookDeliveryOptions, webhookDeliveryOptionsFromEnv } from '../services/webhooks/options';
import { decryptSecret } from '../services/webhooks/secrets';
import { postWebhook } from '../services/webhooks/sender';
import { resolveTarget } from '../services/webhooks/target';
import { logRefusedTarget } from './refused-target';

export type { AttemptOutcome } from '../db/queries/webhook-attempts';

export interface WebhookAttemptInput {
  deliveryId: string;
  /** 1-based; with the delivery id it keys the attempt row, so a retried activity posts once. */
  attempt: number;
  /** The wait before the next attempt, or null for the last one. */
  nextDelayMs: number | null;
}

type Row = NonNullable<Awaited<ReturnType<typeof deliveryForAttempt>>>;

/** The current secret, and the previous one while its 24 h overlap lasts: both sign. */
function signingSecrets(row: Row, key: Buffer): string[] {
  const { endpoint } = row;
  const secrets = [decryptSecret(key, endpoint.secretCiphertext)];
  const previousValid = endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt.getTime() > Date.now();
  if (endpoint.previousSecretCiphertext && previousValid) {
    secrets.push(decryptSecret(key, endpoint.previousSecretCiphertext));
  }
  return secrets;
}

async function attempt(row: Row, options: WebhookDeliveryOptions): Promise<AttemptResult> {
  const target = await resolveTarget(row.endpoint.url, options.policy);
  if (!target.ok) {
    logRefusedTarget(`webhook ${row.endpoint.id}`, target.detail);
    return { succeeded: false, httpStatus: null, latencyMs: 0, error: target.reason, responseBody: null };
  }
  const payload = row.message.payload as { type: string; timestamp: string; data: unknown };
  // Key order as documented; jsonb does not keep it.
  const body = JSON.stringify({ type: payload.type, timestamp: payload.timestamp, data: payload.data });
  const timestamp = Math.floor(Date.now() / 1000);
  return postWebhook({
    url: target.url,
    address: target.address,
    family: target.family,
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'MIR-Webhooks/1.0',
      'webhook-id': row.message.id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatureHeader(signingSecrets(row, options.secretKey), row.message.id, timestamp, body),
    },
  });
}

export function createWebhookActivities(db: Db, given?: WebhookDeliveryOptions) {
  let options = given;
  return {
    /**
     * One HTTP attempt, recorded once per attempt number: a retried activity whose attempt is
     * already recorded answers that record without posting again. The endpoint, its secrets and
     * the message are read here, so no secret ever enters the workflow's history.
     */
    async attemptWebhookDelivery(input: WebhookAttemptInput): Promise<AttemptOutcome> {
      options ??= webhookDeliveryOptionsFromEnv();
      const record = { ...input, disableAfterMs: options.disableAfterMs };
      const prior = await findAttempt(db, input.deliveryId, input.attempt);
      if (prior) return recordAttempt(db, record, prior);
      const row = await deliveryForAttempt(db, input.deliveryId);
      const none = { deliveryId: input.deliveryId, attempt: input.attempt, httpStatus: null };
      if (!row) return { ...none, status: 'FAILED', endpointDisabled: false };
      if (row.delivery.status !== 'PENDING') {
        return { ...none, status: row.delivery.status, endpointDisabled: !row.endpoint.enabled };
      }
      if (!row.endpoint.enabled) {
        await abandonDelivery(
          db,
          input.deliveryId,
          `endpoint disabled: ${row.endpoint.disabledReason ?? 'by the organization'}`,
        );
        return { ...none, status: 'FAILED', endpointDisabled: true };
      }
      return recordAttempt(db, record, await attempt(row, options));
    },
  };
}
