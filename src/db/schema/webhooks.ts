import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { organizations } from './core';
import { ts } from './columns';

const orgRef = () =>
  text('organization_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' });

export const WEBHOOK_DELIVERY_STATUSES = ['PENDING', 'SUCCEEDED', 'FAILED'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/**
 * Where an organisation wants to hear about changes. The signing secrets are AES-256-GCM
 * ciphertexts (docs/webhooks.md): they must be usable for HMAC later, so a hash would not do.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: text('id').primaryKey(),
    organizationId: orgRef(),
    url: text('url').notNull(),
    description: text('description'),
    eventTypes: text('event_types').array().notNull(),
    enabled: boolean('enabled').notNull().default(true),
    disabledReason: text('disabled_reason'),
    disabledAt: ts('disabled_at'),
    secretCiphertext: text('secret_ciphertext').notNull(),
    /** After a rotation the old secret keeps signing until previousSecretExpiresAt. */
    previousSecretCiphertext: text('previous_secret_ciphertext'),
    previousSecretExpiresAt: ts('previous_secret_expires_at'),
    /** The first failure since the last success: an endpoint failing for 5 days is disabled. */
    failingSince: ts('failing_since'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('webhook_endpoints_org_created_idx').on(t.organizationId, t.createdAt.desc(), t.id.desc())],
);

/** One event as sent (`{ type, timestamp, data }`); its id is the `webhook-id` header. */
export const webhookMessages = pgTable(
  'webhook_messages',
  {
    id: text('id').primaryKey(),
    organizationId: orgRef(),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('webhook_messages_org_created_idx').on(t.organizationId, t.createdAt)],
);

/**
 * One message to one endpoint: written in the transaction of the change it reports (the outbox),
 * then started as the workflow `webhook-delivery:<id>` by the worker's dispatcher.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    organizationId: orgRef(),
    endpointId: text('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    messageId: text('message_id')
      .notNull()
      .references(() => webhookMessages.id, { onDelete: 'cascade' }),
    eventType: text('event_type').notNull(),
    status: text('status', { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default('PENDING'),
    /** A manual retry is a new delivery of the same message. */
    retryOf: text('retry_of'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at'),
    completedAt: ts('completed_at'),
    failureReason: text('failure_reason'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('webhook_deliveries_endpoint_created_idx').on(t.endpointId, t.createdAt.desc(), t.id.desc()),
    // A delivery's manual retries (migration 0033).
    index('webhook_deliveries_retry_of_idx')
      .on(t.retryOf)
      .where(sql`${t.retryOf} is not null`),
    check(
      'webhook_deliveries_status_check',
      sql.raw(`status in (${WEBHOOK_DELIVERY_STATUSES.map((s) => `'${s}'`).join(', ')})`),
    ),
  ],
);

/** Each HTTP attempt of a delivery, once per attempt number (activities may run twice). */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    attemptedAt: ts('attempted_at').notNull().defaultNow(),
    succeeded: boolean('succeeded').notNull(),
    httpStatus: integer('http_status'),
    latencyMs: integer('latency_ms').notNull(),
    error: text('error'),
    /** At most 4 KiB of what the endpoint answered. */
    responseBody: text('response_body'),
  },
  (t) => [primaryKey({ columns: [t.deliveryId, t.attempt] })],
);
