import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { agents, organizations, retiredAgentKeys } from '../schema';
import type { AncestorScope } from '../../domain/ancestry';
import { killSwitched } from './kill-switch';

/**
 * The agent's ancestors as they are now (root first), in the same lookup: at most 20 primary-key
 * probes on `agents`, whatever the size of the tree. Empty for a root.
 */
const ancestors = sql<AncestorScope[]>`coalesce((
  select json_agg(json_build_object(
    'id', a.id, 'status', a.status, 'permissions', a.permissions,
    'allowedEventTypes', a.allowed_event_types, 'allowedEventPatterns', a.allowed_event_patterns,
    'rateLimitPerMinute', a.rate_limit_per_minute, 'maxBulkItems', a.max_bulk_items) order by a.spawn_depth)
  from agents a where a.id = any(string_to_array(agents.ancestry, '/'))
), '[]'::json)`;

const agentAuthColumns = {
  agent: agents,
  killSwitched,
  ancestors,
  organizationName: organizations.name,
  plan: organizations.plan,
  settings: organizations.settings,
};

/** Read on every request, never cached, so suspension and revocation apply on the very next one. */
export async function findAgentByKeyHash(db: Executor, keyHash: string) {
  const [row] = await db
    .select(agentAuthColumns)
    .from(agents)
    .innerJoin(organizations, eq(organizations.id, agents.organizationId))
    .where(eq(agents.keyHash, keyHash))
    .limit(1);
  return row ?? null;
}

export async function findAgentByExternalId(db: Executor, organizationId: string, agentExternalId: string) {
  const [row] = await db
    .select({ ...getTableColumns(agents), killSwitched, ancestors })
    .from(agents)
    .where(and(eq(agents.organizationId, organizationId), eq(agents.agentExternalId, agentExternalId)))
    .limit(1);
  return row ?? null;
}

export async function findRetiredKey(db: Executor, keyHash: string) {
  const [row] = await db.select().from(retiredAgentKeys).where(eq(retiredAgentKeys.keyHash, keyHash)).limit(1);
  return row ?? null;
}

/** Conditional, so concurrent requests from several processes write at most about once a minute per agent. */
export async function touchAgentLastUsed(db: Executor, agentId: string): Promise<void> {
  await db
    .update(agents)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(agents.id, agentId),
        sql`(${agents.lastUsedAt} is null or ${agents.lastUsedAt} < now() - interval '1 minute')`,
      ),
    );
}
