import { sql } from 'drizzle-orm';
import { check, foreignKey, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { partnerLinks } from './accounts';

export const ACCESS_OPERATIONS = ['resolve', 'evaluate', 'link_status'] as const;
export type AccessOperation = (typeof ACCESS_OPERATIONS)[number];

/**
 * Every lookup of a person by a partner they linked (migration 0022): written in COPY batches off
 * the request path, deleted with its link (a trigger when the link ends, the key when it goes).
 */
export const accessLog = pgTable(
  'access_log',
  {
    id: text('id').primaryKey(),
    linkId: text('link_id').notNull(),
    mirUserId: text('mir_user_id').notNull(),
    organizationId: text('organization_id').notNull(),
    operation: text('operation', { enum: ACCESS_OPERATIONS }).notNull(),
    /** An evaluation's action and its outcome (allow, deny, step_up, limit); never a score. */
    action: text('action'),
    outcome: text('outcome'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    // Written by hand (migration 0022): Postgres named the key, and its DESC is nulls-first.
    foreignKey({
      name: 'access_log_link_id_fkey',
      columns: [t.linkId],
      foreignColumns: [partnerLinks.id],
    }).onDelete('cascade'),
    index('access_log_user_at_idx').on(t.mirUserId, t.at.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('access_log_link_idx').on(t.linkId),
    index('access_log_at_idx').on(t.at),
    check('access_log_operation_check', sql`${t.operation} in ('resolve', 'evaluate', 'link_status')`),
  ],
);
