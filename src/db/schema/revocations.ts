import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { REVOCATION_STATUSES } from '../../domain/lineage';
import { agents } from './agents';
import { organizations } from './core';
import { ts, inList } from './columns';

type Actor = { type: string; id: string | null };

/**
 * A kill switch. Its row alone already refuses every agent of the subtree at authentication
 * (auth looks for an operation on any id of the agent's ancestry); the workflow then records
 * each revocation and counts it here.
 */
export const agentRevocationOperations = pgTable(
  'agent_revocation_operations',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    rootAgentId: text('root_agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    status: text('status', { enum: REVOCATION_STATUSES }).notNull().default('RUNNING'),
    total: integer('total').notNull(),
    revoked: integer('revoked').notNull().default(0),
    reason: text('reason'),
    requestedBy: jsonb('requested_by').$type<Actor>().notNull(),
    requestId: text('request_id'),
    workflowId: text('workflow_id').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    completedAt: ts('completed_at'),
  },
  (t) => [
    index('agent_revocation_operations_root_idx').on(t.rootAgentId),
    check('agent_revocation_operations_status_check', sql`${t.status} in (${inList(REVOCATION_STATUSES)})`),
  ],
);
