import type { SpawnChild } from '../../db/queries/spawned-agents';
import type { SpawnRequest } from '../../db/queries/spawn-requests';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function presentSpawnRequest(r: SpawnRequest) {
  const child = r.child as unknown as SpawnChild;
  return {
    id: r.id,
    status: r.status,
    parentAgentId: r.parentAgentId,
    childAgentId: r.childAgentId,
    child: {
      name: child.name,
      type: child.config.type,
      permissions: child.config.permissions,
      allowedEventTypes: child.config.allowedEventTypes,
      allowedEventPatterns: child.config.allowedEventPatterns,
      rateLimitPerMinute: child.rateLimitPerMinute,
      maxBulkItems: child.config.maxBulkItems,
      spawnDepth: child.spawnDepth,
    },
    keyPrefix: r.keyPrefix,
    approvalReasons: r.approvalReasons,
    requestedBy: r.requestedBy,
    decidedBy: r.decidedBy ?? null,
    decisionReason: r.decisionReason,
    workflowId: r.workflowId,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    decidedAt: iso(r.decidedAt),
  };
}
