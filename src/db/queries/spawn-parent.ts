import type { AgentStatus } from '../../domain/agents';
import type { ParentPowers } from '../../domain/spawn';
import { type Executor, rawClient } from '../client';

/** What a spawn reads of its parent: its powers, its place in the tree, and what could stop it. */
export interface SpawnParent extends ParentPowers {
  id: string;
  organizationId: string;
  status: AgentStatus;
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

export interface SpawnLimits {
  maxChildrenPerAgent: number;
  maxAgentsPerOrganization: number;
}

export interface SpawnQuotaExcess {
  quota: keyof SpawnLimits;
  limit: number;
  current: number;
}

/**
 * Live agents and pending spawn requests under `parentId` and in the whole organisation, against
 * the limits (migrations 0016, 0017): what the transaction has sent before this, the spawn's own
 * row, is counted. Fails with SQLSTATE MQ001 when over (see `spawnQuotaExcess`), so a caller may
 * send its COMMIT right behind it. The organisation's lock is shared unless `exclusive`, so spawns
 * far from the limit commit side by side; near it, a shared attempt fails with MQ002 (see
 * `needsExclusiveQuota`) and is to be run again exclusively. Returned unawaited, to be sent with
 * the writes before it.
 */
export function checkSpawnQuota(
  tx: Executor,
  organizationId: string,
  parentId: string,
  limits: SpawnLimits,
  exclusive: boolean,
) {
  return rawClient(tx)`select mir_assert_spawn_quota(${organizationId}, ${parentId},
    ${limits.maxChildrenPerAgent}::int, ${limits.maxAgentsPerOrganization}::int, ${exclusive}::boolean)`;
}

/** The quota a failed `checkSpawnQuota` found exceeded, or null for any other error. */
export function spawnQuotaExcess(err: unknown): SpawnQuotaExcess | null {
  const pg = err as { code?: string; detail?: string } | null;
  return pg?.code === 'MQ001' && pg.detail ? (JSON.parse(pg.detail) as SpawnQuotaExcess) : null;
}

/** A shared-lock `checkSpawnQuota` found the organisation too near its limit to count that way. */
export function needsExclusiveQuota(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === 'MQ002';
}
