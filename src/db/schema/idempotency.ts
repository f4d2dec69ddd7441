import { integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The first answer to an Idempotency-Key, per caller scope. Written in the transaction that did
 * the work, so a stored answer always means the work happened, and no answer means it did not.
 * A row without a status is a reservation: a handler that commits its own work (and calls
 * Temporal) runs outside any transaction, and its answer is stored when it is done.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    responseStatus: integer('response_status'),
    responseBody: jsonb('response_body'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);
