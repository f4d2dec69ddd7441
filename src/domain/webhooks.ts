import { createHmac, randomBytes } from 'node:crypto';

/** What an organisation can subscribe to (docs/webhooks.md and /openapi.json's `webhooks`). */
export const WEBHOOK_EVENT_TYPES = [
  'link.confirmed',
  'link.removed',
  'link.invite.expired',
  'agent.created',
  'agent.suspended',
  'agent.reactivated',
  'agent.revoked',
  'agent.key_rotated',
  'agent.spawn.requested',
  'agent.spawn.decided',
  'agent.descendants_revoked',
  'member.claimed',
  'user.erasure_scheduled',
  'user.erasure_cancelled',
  'user.erased',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Sent only by POST /v1/webhooks/:id/test, to that endpoint alone, whatever it subscribed to. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';
export type AnyWebhookEventType = WebhookEventType | typeof WEBHOOK_TEST_EVENT;

export const WILDCARD = '*';

/**
 * Svix's schedule: at once, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h after each failure.
 * Each entry is the wait before that attempt.
 */
export const DEFAULT_RETRY_SCHEDULE_MS = [
  0,
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
];

/** Standard Webhooks' bounds: at most this long per attempt, at most this much of an answer kept. */
export const WEBHOOK_TIMEOUT_MS = 15_000;
export const RESPONSE_BODY_CAP_BYTES = 4096;
/** The previous secret keeps signing this long after a rotation. */
export const SECRET_OVERLAP_MS = 24 * 3_600_000;

export const SECRET_PREFIX = 'whsec_';

/** `whsec_` + base64 of 32 random bytes, the format `standardwebhooks` and Svix libraries accept. */
export function issueSigningSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

export function secretBytes(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
}

/** The `webhook-signature` header: one `v1,<base64 HMAC-SHA256 of id.timestamp.body>` per secret, space-separated. */
export function signatureHeader(secrets: readonly string[], msgId: string, timestampSeconds: number, body: string) {
  return secrets
    .map((s) => {
      const mac = createHmac('sha256', secretBytes(s)).update(`${msgId}.${timestampSeconds}.${body}`, 'utf8');
      return `v1,${mac.digest('base64')}`;
    })
    .join(' ');
}

export interface WebhookPayload {
  type: AnyWebhookEventType;
  timestamp: string;
  data: Record<string, unknown>;
}

/** A comma-separated list of waits in ms, the first usually 0; null when it is not one. */
export function parseRetrySchedule(raw: string): number[] | null {
  const parts = raw.split(',').map((p) => p.trim());
  if (parts.length === 0 || parts.length > 20) return null;
  const waits = parts.map(Number);
  return waits.every((w) => Number.isInteger(w) && w >= 0 && w <= 7 * 24 * 3_600_000) ? waits : null;
}
