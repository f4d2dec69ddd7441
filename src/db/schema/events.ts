import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  foreignKey,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { SIGNIFICANCES } from '../../domain/events';
import { organizations } from './core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

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
    // The target of events' foreign key, which thereby also proves an event's organisation is its user's.
    unique('partner_users_id_org_unique').on(t.id, t.organizationId),
    check('partner_users_event_count_check', sql`${t.eventCount} >= 0`),
  ],
);

export const events = pgTable(
  'events',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id').notNull(),
    partnerUserId: text('partner_user_id').notNull(),
    type: text('type').notNull(),
    significance: text('significance', { enum: SIGNIFICANCES }).notNull(),
    data: jsonb('data').$type<Record<string, unknown>>(),
    occurredAt: ts('occurred_at').notNull(),
    receivedAt: ts('received_at').notNull().defaultNow(),
  },
  (t) => [
    // One composite key rather than one to organizations and one to partner_users: each foreign
    // key costs every insert a lookup and a row lock, and the organisation's row is shared by all
    // of its concurrent inserts. Deleting an organisation still reaches events through its users.
    foreignKey({
      name: 'events_partner_user_org_fk',
      columns: [t.partnerUserId, t.organizationId],
      foreignColumns: [partnerUsers.id, partnerUsers.organizationId],
    }).onDelete('cascade'),
    index('events_org_occurred_idx').on(t.organizationId, t.occurredAt.desc(), t.id.desc()),
    index('events_user_occurred_idx').on(t.partnerUserId, t.occurredAt.desc(), t.id.desc()),
    index('events_org_type_occurred_idx').on(t.organizationId, t.type, t.occurredAt.desc(), t.id.desc()),
  ],
);
