import type { AgentNode, SpawnChild } from '../../db/queries/genealogy';
import type { RevocationOperation } from '../../db/queries/revocations';
import type { SpawnRequest } from '../../db/queries/spawn-requests';
import type { TreeNode } from '../schemas/genealogy';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function presentNode(node: AgentNode) {
  return { ...node, createdAt: node.createdAt.toISOString() };
}

/** Nests rows already fetched in one query; O(n), never a query per agent. */
export function buildTree(nodes: AgentNode[], rootAgentId?: string): TreeNode[] {
  const byId = new Map<string, TreeNode>();
  for (const n of nodes) byId.set(n.id, { ...presentNode(n), children: [] });
  const roots: TreeNode[] = [];
  for (const n of nodes) {
    const node = byId.get(n.id)!;
    const parent = n.id === rootAgentId || !n.parentId ? undefined : byId.get(n.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

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

export function presentRevocation(op: RevocationOperation) {
  return {
    operationId: op.id,
    rootAgentId: op.rootAgentId,
    total: op.total,
    revoked: op.revoked,
    status: op.status,
    workflowId: op.workflowId,
    createdAt: op.createdAt.toISOString(),
    completedAt: iso(op.completedAt),
  };
}
