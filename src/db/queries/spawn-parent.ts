import type { AgentStatus, AgentType } from '../../domain/agents';
import type { Permission, Preset } from '../../domain/permissions';
import { type Executor, rawClient } from '../client';

/** What a spawn reads of its parent: its powers, its place in the tree, and what could stop it. */
export interface SpawnParent {
  id: string;
  organizationId: string;
  status: AgentStatus;
  type: AgentType;
  preset: Preset | null;
  permissions: Permission[];
  allowedEventTypes: string[];
  allowedEventPatterns: string[];
  rateLimitPerMinute: number | null;
  maxBulkItems: number | null;
  rootId: string | null;
  spawnDepth: number;
  ancestry: string;
  /** The nearest ancestor that is not ACTIVE. */
  blockedBy: { id: string; status: string } | null;
  /** A kill switch was pulled on the parent or an ancestor. */
  killSwitched: boolean;
}

/**
 * The parent under its row lock, held for the rest of the transaction: a parent changed
 * meanwhile is judged as it is now. Runs on every spawn and every approval, so it is one
 * statement postgres.js prepares once per connection rather than a query rebuilt each time.
 */
export async function findSpawnParent(
  db: Executor,
  organizationId: string,
  parentId: string,
): Promise<SpawnParent | null> {
  const [row] = await rawClient(db)<SpawnParent[]>`
    select a.id, a.organization_id as "organizationId", a.status, a.type, a.preset, a.permissions,
      a.allowed_event_types as "allowedEventTypes", a.allowed_event_patterns as "allowedEventPatterns",
      a.rate_limit_per_minute as "rateLimitPerMinute", a.max_bulk_items as "maxBulkItems",
      a.root_id as "rootId", a.spawn_depth as "spawnDepth", a.ancestry,
      (select json_build_object('id', b.id, 'status', b.status) from agents b
        where b.id = any(string_to_array(a.ancestry, '/')) and b.status <> 'ACTIVE'
        order by b.spawn_depth limit 1) as "blockedBy",
      exists (select 1 from agent_revocation_operations ks
        where ks.root_agent_id = any(string_to_array(a.ancestry || a.id, '/'))) as "killSwitched"
    from agents a
    where a.id = ${parentId} and a.organization_id = ${organizationId}
    for update of a`;
  return row ?? null;
}

/**
 * Live agents and pending spawn requests under `parentId` and in the whole organisation. Taken
 * under a per-organisation advisory lock held to commit, so concurrent spawns count each other.
 * Both statements are sent at once: the count's snapshot is taken once the lock is held, and
 * the lock costs no round trip of its own. Whatever the caller sent before them on the same
 * transaction (the spawn's own row) runs first and is counted.
 */
export async function spawnQuotaUse(tx: Executor, organizationId: string, parentId: string) {
  const sql = rawClient(tx);
  const [, [row]] = await Promise.all([
    sql`select pg_advisory_xact_lock(hashtextextended(${`spawn-quota:${organizationId}`}, 0))`,
    sql<{ children: string; total: string }[]>`select
      (select count(*) from agents where parent_id = ${parentId} and status <> 'REVOKED')
        + (select count(*) from agent_spawn_requests
           where parent_agent_id = ${parentId} and status = 'PENDING_APPROVAL') as children,
      (select count(*) from agents where organization_id = ${organizationId} and status <> 'REVOKED')
        + (select count(*) from agent_spawn_requests
           where organization_id = ${organizationId} and status = 'PENDING_APPROVAL') as total`,
  ]);
  return { children: Number(row!.children), total: Number(row!.total) };
}
