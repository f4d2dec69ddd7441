import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { PLANS, ROLES } from '../../domain/roles';
import { inList } from './columns';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const organizations = pgTable(
  'organizations',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    plan: text('plan', { enum: PLANS }).notNull(),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [check('organizations_plan_check', sql`${t.plan} in (${inList(PLANS)})`)],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
    name: text('name'),
    keyHash: text('key_hash').notNull().unique(),
    keyPrefix: text('key_prefix').notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    /** Written at most about once a minute per key and process (src/services/key-use.ts). */
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('api_keys_organization_idx').on(t.organizationId),
    check('api_keys_role_check', sql`${t.role} in (${inList(ROLES)})`),
  ],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    actorType: text('actor_type', { enum: ['admin', 'api_key', 'agent', 'user', 'system'] }).notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    requestId: text('request_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_log_organization_created_idx').on(t.organizationId, t.createdAt.desc()),
    // A person's entries, for their data export (migration 0025); partial, so other entries skip them.
    index('audit_log_user_actor_idx')
      .on(t.actorId)
      .where(sql`${t.actorType} = 'user'`),
    index('audit_log_person_target_idx')
      .on(t.targetId)
      .where(sql`${t.targetType} in ('partner_user', 'org_member', 'member_invite')`),
  ],
);

/** Written by the smoke workflow's activity: proof that API → Temporal → worker → Postgres works. */
export const smokePings = pgTable('smoke_pings', {
  id: text('id').primaryKey(),
  workflowId: text('workflow_id').notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
