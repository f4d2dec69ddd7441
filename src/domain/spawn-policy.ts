export const SPAWN_REQUEST_STATUSES = ['PENDING_APPROVAL', 'APPROVED', 'REJECTED', 'EXPIRED'] as const;
export type SpawnRequestStatus = (typeof SPAWN_REQUEST_STATUSES)[number];

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
