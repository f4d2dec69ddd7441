import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { organizations } from './core';
import { ts } from './columns';

/** An organisation's own actions and its overrides of the defaults (field-level, merged at evaluation). */
export const policyActions = pgTable(
  'policy_actions',
  {
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    config: jsonb('config').$type<Record<string, unknown>>().notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.action] })],
);

/** Every decision, with what it read; swept after the retention period. */
export const policyDecisions = pgTable(
  'policy_decisions',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    actorId: text('actor_id').notNull(),
    actorType: text('actor_type').notNull(),
    action: text('action').notNull(),
    decision: text('decision').notNull(),
    reasons: jsonb('reasons').$type<string[]>().notNull(),
    actorTier: integer('actor_tier'),
    limits: jsonb('limits').$type<Record<string, number>>(),
    inputs: jsonb('inputs').$type<Record<string, unknown>>().notNull(),
    createdAt: ts('created_at').notNull(),
  },
  // Partitioned by month of created_at (ADR 0009, migration 0030), which drizzle cannot say; the
  // key holds the partition column. Retention drops a month once all of it is past.
  (t) => [
    primaryKey({ name: 'policy_decisions_pkey', columns: [t.id, t.createdAt] }),
    index('policy_decisions_org_created_idx').on(t.organizationId, t.createdAt.desc(), t.id.desc()),
    index('policy_decisions_created_idx').on(t.createdAt),
    // A regulation's deletion finds a user's decisions by the partner's id for them (migration 0024).
    index('policy_decisions_human_actor_idx')
      .on(t.organizationId, t.actorId)
      .where(sql`${t.actorType} = 'human'`),
  ],
);
