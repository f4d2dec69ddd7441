import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES, WILDCARD } from '../../domain/webhooks';
import { WEBHOOK_DELIVERY_STATUSES } from '../../db/schema/webhooks';
import { pageParams } from './pagination';

const eventTypes = z
  .array(z.enum([...WEBHOOK_EVENT_TYPES, WILDCARD]))
  .min(1)
  .max(WEBHOOK_EVENT_TYPES.length + 1)
  .transform((types) => [...new Set(types)])
  .describe('Event types to receive, or ["*"] for all of them');

const editable = {
  // Checked further (parsed, resolved, its addresses judged) by the route: 422 webhook_url_refused.
  url: z
    .string()
    .max(2000)
    .regex(/^https?:\/\/[^\s/?#]+\S*$/, 'must be an http(s) URL')
    .describe('Where events are POSTed; https in production, and never a private address there'),
  eventTypes,
  description: z.string().max(500).nullable(),
  enabled: z.boolean(),
};

export const createWebhookBody = z.strictObject({
  ...editable,
  description: editable.description.optional(),
  enabled: editable.enabled.default(true),
});

export const patchWebhookBody = z
  .strictObject(editable)
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change');

export const webhookIdParams = z.strictObject({ id: z.string().min(1).max(64) });
export const deliveryIdParams = z.strictObject({
  id: z.string().min(1).max(64),
  deliveryId: z.string().min(1).max(64),
});
export const listQuery = z.strictObject(pageParams);

const iso = z.string().describe('ISO 8601');

export const webhookResponse = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string().nullable(),
  eventTypes: z.array(z.string()),
  enabled: z.boolean(),
  disabledReason: z.string().nullable().describe('Why MIR (or the organization) disabled it'),
  disabledAt: iso.nullable(),
  failingSince: iso.nullable().describe('First failure since the last success'),
  previousSecretExpiresAt: iso.nullable().describe('Until then the previous secret signs alongside the current one'),
  createdAt: iso,
  updatedAt: iso,
});

export const webhookWithSecretResponse = webhookResponse.extend({
  secret: z.string().nullable().describe('The whsec_ signing secret, shown only in this response'),
});

export const webhookListResponse = z.object({ webhooks: z.array(webhookResponse), nextCursor: z.string().nullable() });

const attempt = z.object({
  attempt: z.int(),
  attemptedAt: iso,
  succeeded: z.boolean(),
  httpStatus: z.int().nullable(),
  latencyMs: z.int(),
  error: z.string().nullable(),
  responseBody: z.string().nullable().describe('At most 4 KiB of the answer'),
});

export const deliveryResponse = z.object({
  id: z.string(),
  messageId: z.string().describe('The webhook-id header'),
  eventType: z.string(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.array(attempt),
  nextAttemptAt: iso.nullable(),
  completedAt: iso.nullable(),
  failureReason: z.string().nullable(),
  retryOf: z.string().nullable(),
  workflowId: z.string(),
  createdAt: iso,
});

export const deliveryListResponse = z.object({
  deliveries: z.array(deliveryResponse),
  nextCursor: z.string().nullable(),
});

export const testEventResponse = z.object({ deliveryId: z.string(), messageId: z.string(), workflowId: z.string() });
