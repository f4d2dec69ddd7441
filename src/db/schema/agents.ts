import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { AGENT_STATUSES, AGENT_TYPES, MEMBERSHIP_SOURCES } from '../../domain/agents';
import { organizations } from './core';
import { ts, inList } from './columns';

/**
 * AI agents and service accounts. The lineage columns (parent, root, depth, source) are here
 * from the start so spawned agents are ordinary rows and lineage queries need no second table.
 */
export const agents = pgTable(
  'agents',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    type: text('type', { enum: AGENT_TYPES }).notNull(),
    description: text('description'),
    status: text('status', { enum: AGENT_STATUSES }).notNull().default('ACTIVE'),
    statusReason: text('status_reason'),
    preset: text('preset'),
    permissions: jsonb('permissions').$type<string[]>().notNull(),
    allowedEventTypes: jsonb('allowed_event_types').$type<string[]>().notNull(),
    allowedEventPatterns: jsonb('allowed_event_patterns').$type<string[]>().notNull(),
    rateLimitPerMinute: integer('rate_limit_per_minute'),
    maxBulkItems: integer('max_bulk_items'),
    requireIdempotency: boolean('require_idempotency').notNull(),
    agentExternalId: text('agent_external_id'),
    keyHash: text('key_hash').unique(),
    keyPrefix: text('key_prefix'),
    keyVersion: integer('key_version').notNull().default(0),
    parentId: text('parent_id').references((): AnyPgColumn => agents.id),
    rootId: text('root_id').references((): AnyPgColumn => agents.id),
    spawnDepth: integer('spawn_depth').notNull().default(0),
    membershipSource: text('membership_source', { enum: MEMBERSHIP_SOURCES }).notNull().default('CREATED'),
    /** Ids of root … parent, each followed by '/' ('' for a root): a subtree is one prefix range. */
    ancestry: text('ancestry').notNull().default(''),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    lastUsedAt: ts('last_used_at'),
    suspendedAt: ts('suspended_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [
    uniqueIndex('agents_org_external_id_idx').on(t.organizationId, t.agentExternalId),
    index('agents_org_created_idx').on(t.organizationId, t.createdAt.desc()),
    index('agents_parent_idx').on(t.parentId),
    index('agents_root_idx').on(t.rootId),
    index('agents_ancestry_idx').using('btree', t.ancestry.op('text_pattern_ops')),
    // The family tree's depth-first order, byte by byte (migration 0033): see familyTree.
    index('agents_org_tree_order_idx').on(t.organizationId, sql`((${t.ancestry} || ${t.id} || '/') collate "C")`),
    // The kill switch pages through what is left of a subtree: revoked rows drop out of this one.
    index('agents_unrevoked_ancestry_idx')
      .using('btree', t.ancestry.op('text_pattern_ops'))
      .where(sql`${t.status} <> 'REVOKED'`),
    check('agents_type_check', sql`${t.type} in (${inList(AGENT_TYPES)})`),
    check('agents_status_check', sql`${t.status} in (${inList(AGENT_STATUSES)})`),
    check('agents_rate_limit_check', sql`${t.rateLimitPerMinute} between 1 and 10000`),
    check('agents_revoked_has_no_key', sql`${t.status} <> 'REVOKED' or ${t.keyHash} is null`),
  ],
);

/**
 * Hashes of keys that no longer open anything (rotated away or revoked), kept only so the
 * next request with such a key can be told why it fails instead of a bare 401.
 */
export const retiredAgentKeys = pgTable('retired_agent_keys', {
  keyHash: text('key_hash').primaryKey(),
  agentId: text('agent_id')
    .notNull()
    .references(() => agents.id, { onDelete: 'cascade' }),
  reason: text('reason', { enum: ['rotated', 'revoked'] }).notNull(),
  retiredAt: ts('retired_at').notNull().defaultNow(),
});

/** A requested rotation: the API stores the new key's hash here so only this row's id enters Temporal. */
export const agentKeyRotations = pgTable(
  'agent_key_rotations',
  {
    id: text('id').primaryKey(),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    newKeyHash: text('new_key_hash').notNull(),
    newKeyPrefix: text('new_key_prefix').notNull(),
    requestedBy: jsonb('requested_by').$type<{ type: string; id: string | null }>().notNull(),
    requestId: text('request_id'),
    status: text('status', { enum: ['PENDING', 'APPLIED'] })
      .notNull()
      .default('PENDING'),
    createdAt: ts('created_at').notNull().defaultNow(),
    appliedAt: ts('applied_at'),
  },
  (t) => [uniqueIndex('agent_key_rotations_agent_version_idx').on(t.agentId, t.version)],
);

/** Fixed one-minute windows shared by every API process. */
export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    bucket: text('bucket').notNull(),
    windowStart: ts('window_start').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] })],
);
