export const SPAWN_REQUEST_STATUSES = ['PENDING_APPROVAL', 'APPROVED', 'REJECTED', 'EXPIRED'] as const;
export type SpawnRequestStatus = (typeof SPAWN_REQUEST_STATUSES)[number];

export const REVOCATION_STATUSES = ['RUNNING', 'COMPLETED'] as const;
export type RevocationStatus = (typeof REVOCATION_STATUSES)[number];

export const MAX_SPAWN_DEPTH = 20;
export const DEFAULT_APPROVAL_TIMEOUT_SECONDS = 72 * 3600;

/** What an organisation allows its agents to spawn; absent means spawning is off. */
export interface SpawnPolicy {
  enabled: boolean;
  maxDepth: number;
  requireApprovalFromDepth?: number;
  requireApprovalForPermissions?: string[];
  approvalTimeoutSeconds?: number;
  maxChildrenPerAgent?: number;
  maxAgentsPerOrganization?: number;
}

/** Spawning multiplies agents; these bound it unless the policy says otherwise. */
export const DEFAULT_MAX_CHILDREN_PER_AGENT = 100;
export const DEFAULT_MAX_AGENTS_PER_ORGANIZATION = 10_000;

/**
 * An agent's ancestry is the ids of its root … parent, each followed by '/' ('' for a root),
 * so a subtree is one indexed prefix range and the lineage of any agent is a bounded list.
 */
export function childAncestry(parent: { id: string; ancestry: string }): string {
  return `${parent.ancestry}${parent.id}/`;
}

export function ancestorIds(ancestry: string): string[] {
  return ancestry.split('/').filter((s) => s.length > 0);
}

/** LIKE pattern of every strict descendant; ids contain '_', a LIKE wildcard, so it is escaped. */
export function descendantsPattern(agent: { id: string; ancestry: string }): string {
  return `${childAncestry(agent).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
