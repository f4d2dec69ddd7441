import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { SPAWN_REQUEST_STATUSES } from '../../domain/spawn-policy';
import { agents } from './agents';
import { organizations } from './core';
import { ts, inList } from './columns';

type Actor = { type: string; id: string | null };

/**
 * A spawn waiting for a human. The child's id and key hash are reserved here and its agents
 * row is only written on approval, so until then its key matches no agent at all.
 */
export const agentSpawnRequests = pgTable(
  'agent_spawn_requests',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    parentAgentId: text('parent_agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    childAgentId: text('child_agent_id').notNull().unique(),
    /** The child exactly as it will be inserted (config already checked against the parent). */
    child: jsonb('child').$type<Record<string, unknown>>().notNull(),
    keyHash: text('key_hash').unique(),
    keyPrefix: text('key_prefix'),
    status: text('status', { enum: SPAWN_REQUEST_STATUSES }).notNull().default('PENDING_APPROVAL'),
    approvalReasons: jsonb('approval_reasons').$type<string[]>().notNull(),
    requestedBy: jsonb('requested_by').$type<Actor>().notNull(),
    requestId: text('request_id'),
    decidedBy: jsonb('decided_by').$type<Actor & { via: string }>(),
    decisionReason: text('decision_reason'),
    workflowId: text('workflow_id').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    decidedAt: ts('decided_at'),
    /** When its approvers were mailed the reminder, so a retried reminder queues it once (migration 0032). */
    approversRemindedAt: ts('approvers_reminded_at'),
  },
  (t) => [
    index('agent_spawn_requests_org_created_idx').on(t.organizationId, t.createdAt.desc(), t.id.desc()),
    // What the spawn quota counts on every spawn: pending requests per parent and per organisation,
    // without reading the decided ones, which only ever grow.
    index('agent_spawn_requests_pending_parent_idx')
      .on(t.parentAgentId)
      .where(sql`${t.status} = 'PENDING_APPROVAL'`),
    index('agent_spawn_requests_pending_org_idx')
      .on(t.organizationId)
      .where(sql`${t.status} = 'PENDING_APPROVAL'`),
    check('agent_spawn_requests_status_check', sql`${t.status} in (${inList(SPAWN_REQUEST_STATUSES)})`),
  ],
);
