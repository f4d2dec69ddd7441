import { sql } from 'drizzle-orm';
import { bigint, check, foreignKey, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { REGULATION_STATUSES, REGULATION_TYPES } from '../../domain/regulations';
import { organizations } from './core';
import { ts, inList } from './columns';

/**
 * A partner's regulation of its users (migration 0024). `userIds` is null once it completed: the
 * row keeps its counts, never the ids. `stage`, `cursor` and the counts move in the transaction of
 * each step's deletions (src/db/queries/regulation-steps.ts).
 */
export const userRegulations = pgTable(
  'user_regulations',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id').notNull(),
    type: text('type', { enum: REGULATION_TYPES }).notNull(),
    status: text('status', { enum: REGULATION_STATUSES }).notNull().default('RUNNING'),
    userIds: text('user_ids').array(),
    userCount: integer('user_count').notNull(),
    eventsDeleted: bigint('events_deleted', { mode: 'number' }).notNull().default(0),
    decisionsDeleted: bigint('decisions_deleted', { mode: 'number' }).notNull().default(0),
    linksEnded: integer('links_ended').notNull().default(0),
    stage: integer('stage').notNull().default(0),
    cursor: text('cursor'),
    cutoffAt: ts('cutoff_at').notNull(),
    requestedBy: jsonb('requested_by').$type<{ type: string; id: string | null }>().notNull(),
    requestId: text('request_id'),
    workflowId: text('workflow_id').notNull(),
    failure: text('failure'),
    createdAt: ts('created_at').notNull().defaultNow(),
    completedAt: ts('completed_at'),
  },
  (t) => [
    // Written by hand (migration 0024): Postgres named the key, and its DESC is nulls-first.
    foreignKey({
      name: 'user_regulations_organization_id_fkey',
      columns: [t.organizationId],
      foreignColumns: [organizations.id],
    }).onDelete('cascade'),
    index('user_regulations_org_created_idx').on(
      t.organizationId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    check('user_regulations_type_check', sql`${t.type} in (${inList(REGULATION_TYPES)})`),
    check('user_regulations_status_check', sql`${t.status} in (${inList(REGULATION_STATUSES)})`),
  ],
);
