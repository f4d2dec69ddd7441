import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { ERASURE_STATUSES, type ErasureCounts, type ErasureTargets } from '../../domain/erasure';
import { mirUsers } from './accounts';
import { ts, inList } from './columns';

/**
 * A person's erasure (src/services/erasure.ts, the `erasure:<accountId>` workflow). Open until
 * completed_at: cancelled, or erased with its last webhook notices delivered and purged.
 */
export const accountErasures = pgTable(
  'account_erasures',
  {
    id: text('id').primaryKey(),
    mirUserId: text('mir_user_id'),
    /** erasedRef(account id): how the workflow finds the row once the account is gone. */
    accountRef: text('account_ref').notNull(),
    status: text('status', { enum: ERASURE_STATUSES }).notNull().default('SCHEDULED'),
    requestedAt: ts('requested_at').notNull().defaultNow(),
    erasesAt: ts('erases_at').notNull(),
    cancelledAt: ts('cancelled_at'),
    startedAt: ts('started_at'),
    erasedAt: ts('erased_at'),
    completedAt: ts('completed_at'),
    /** Links the request ended (unlinked_at = requested_at): what a cancellation restores. */
    suspendedLinks: text('suspended_links')
      .array()
      .notNull()
      .default(sql`'{}'`),
    targets: jsonb('targets').$type<ErasureTargets>(),
    stage: integer('stage').notNull().default(0),
    cursor: text('cursor'),
    counts: jsonb('counts').$type<ErasureCounts>().notNull().default({ totals: {}, organizations: {} }),
    /** The user.erased webhook messages, deleted once delivered. */
    notices: text('notices')
      .array()
      .notNull()
      .default(sql`'{}'`),
  },
  (t) => [
    // Written by hand (migration 0023): Postgres named the key, and its DESC is nulls-first.
    foreignKey({
      name: 'account_erasures_mir_user_id_fkey',
      columns: [t.mirUserId],
      foreignColumns: [mirUsers.id],
    }).onDelete('set null'),
    uniqueIndex('account_erasures_open_idx')
      .on(t.accountRef)
      .where(sql`${t.completedAt} is null`),
    index('account_erasures_user_idx').on(t.mirUserId, t.requestedAt.desc().nullsFirst()),
    check('account_erasures_status_check', sql`${t.status} in (${inList(ERASURE_STATUSES)})`),
  ],
);
