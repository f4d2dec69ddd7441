import { sql } from 'drizzle-orm';
import { bigint, check, index, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { SIGNIFICANCES } from '../../domain/events';
import { organizations } from './core';
import { ts } from './columns';

/**
 * A partner's user, known by the partner's own id. The history aggregates live on this row and
 * are updated in the same statement that stores events, so resolving never scans events; a
 * linked MIR account later sums these rows across the partners it linked.
 */
export const partnerUsers = pgTable(
  'partner_users',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    eventCount: bigint('event_count', { mode: 'number' }).notNull().default(0),
    firstEventAt: ts('first_event_at'),
    lastEventAt: ts('last_event_at'),
    /** Set by a SUPPRESS regulation: the event upsert refuses the user while it is (migration 0024). */
    suppressedAt: ts('suppressed_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('partner_users_org_external_idx').on(t.organizationId, t.externalId),
    // Written by hand (migration 0024), where a bare DESC is nulls-first.
    index('partner_users_suppressed_idx')
      .on(t.organizationId, t.suppressedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.suppressedAt} is not null`),
    check('partner_users_event_count_check', sql`${t.eventCount} >= 0`),
  ],
);

export const events = pgTable(
  'events',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id').notNull(),
    partnerUserId: text('partner_user_id').notNull(),
    type: text('type').notNull(),
    significance: text('significance', { enum: SIGNIFICANCES }).notNull(),
    data: jsonb('data').$type<Record<string, unknown>>(),
    occurredAt: ts('occurred_at').notNull(),
    receivedAt: ts('received_at').notNull().defaultNow(),
  },
  // No foreign key to partner_users (ADR 0008): each event is written by the statement that upserts
  // its user, with that upsert's id; a trigger on partner_users deletes a user's events with it.
  // Partitioned by month of received_at (ADR 0009, migration 0030), which drizzle cannot say: the
  // key holds the partition column, so an id alone is found by one probe per partition.
  (t) => [
    primaryKey({ name: 'events_pkey', columns: [t.id, t.receivedAt] }),
    index('events_org_occurred_idx').on(t.organizationId, t.occurredAt.desc(), t.id.desc()),
    index('events_user_occurred_idx').on(t.partnerUserId, t.occurredAt.desc(), t.id.desc()),
    index('events_org_type_occurred_idx').on(t.organizationId, t.type, t.occurredAt.desc(), t.id.desc()),
  ],
);
