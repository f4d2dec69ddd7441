import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { ancestorIds, descendantsPattern } from '../../domain/lineage';
import type { Executor } from '../client';
import { agentSpawnRequests, agents } from '../schema';
import { type Agent, findAgent } from './agents';
import { remainingDescendants } from './revocations';

export type TreeNode = Pick<Agent, 'id' | 'name' | 'status' | 'parentId' | 'spawnDepth' | 'ancestry'> & {
  pendingChildren: number;
};

/**
 * An agent's place in depth-first order: its ancestry and its own id, compared byte by byte (a
 * collation that ignores '/' would interleave siblings' subtrees). Indexed per organisation
 * (agents_org_tree_order_idx, migration 0033): the same expression, or the index is not used.
 */
const treeOrder = sql`((${agents.ancestry} || ${agents.id} || '/') collate "C")`;

/**
 * The first `limit` agents of an organisation (or of one agent's subtree) in depth-first order:
 * sorting by ancestry then id lists every agent right after its parent, so a prefix of the order
 * is a drawable tree. A subtree is every key starting with its root's (the root's own included),
 * one range of the index. `more` says the family is larger than what was read.
 */
export async function familyTree(
  db: Executor,
  organizationId: string,
  limit: number,
  root?: { id: string; ancestry: string },
): Promise<{ nodes: TreeNode[]; more: boolean }> {
  const rows = await db
    .select({
      id: agents.id,
      name: agents.name,
      status: agents.status,
      parentId: agents.parentId,
      spawnDepth: agents.spawnDepth,
      ancestry: agents.ancestry,
    })
    .from(agents)
    .where(
      and(
        eq(agents.organizationId, organizationId),
        root ? sql`${treeOrder} like ${descendantsPattern(root)}` : undefined,
      ),
    )
    .orderBy(treeOrder)
    .limit(limit + 1);
  const kept = rows.slice(0, limit);
  const ids = kept.map((r) => r.id);
  const pending = ids.length
    ? await db
        .select({ parentId: agentSpawnRequests.parentAgentId, n: sql<number>`count(*)::int` })
        .from(agentSpawnRequests)
        .where(and(inArray(agentSpawnRequests.parentAgentId, ids), eq(agentSpawnRequests.status, 'PENDING_APPROVAL')))
        .groupBy(agentSpawnRequests.parentAgentId)
    : [];
  const byParent = new Map(pending.map((p) => [p.parentId, p.n]));
  return { nodes: kept.map((r) => ({ ...r, pendingChildren: byParent.get(r.id) ?? 0 })), more: rows.length > limit };
}

/** How many agents a kill switch pulled on this agent would revoke now: it and every descendant not yet revoked. */
export async function revocableCount(db: Executor, organizationId: string, agentId: string) {
  const root = await findAgent(db, organizationId, agentId);
  if (!root) return null;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(agents)
    .where(and(eq(agents.organizationId, organizationId), remainingDescendants(root)));
  return { agent: root, count: row!.n + (root.status === 'REVOKED' ? 0 : 1) };
}

/** An agent's ancestors, root first, for its lineage. */
export async function ancestorsOf(db: Executor, agent: Agent) {
  const ids = ancestorIds(agent.ancestry);
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: agents.id, name: agents.name, status: agents.status })
    .from(agents)
    .where(and(eq(agents.organizationId, agent.organizationId), inArray(agents.id, ids), ne(agents.id, agent.id)));
  return ids.map((id) => rows.find((r) => r.id === id)).filter((r) => r !== undefined);
}
