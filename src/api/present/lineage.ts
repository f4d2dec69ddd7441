import type { AgentNode } from '../../db/queries/lineage';
import type { TreeNode } from '../schemas/lineage';

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
