import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Cursor } from '../../domain/cursor';
import { ancestorIds, descendantsPattern } from '../../domain/lineage';
import type { Executor } from '../client';
import { agents } from '../schema';
import { type Agent, beforeCursor, pageOf } from './agents';

/** An agent's family as the lineage and tree endpoints read it. */
export const nodeColumns = {
  id: agents.id,
  name: agents.name,
  type: agents.type,
  status: agents.status,
  parentId: agents.parentId,
  rootId: agents.rootId,
  spawnDepth: agents.spawnDepth,
  membershipSource: agents.membershipSource,
  createdAt: agents.createdAt,
};
export type AgentNode = Pick<Agent, keyof typeof nodeColumns>;

/** Three queries whatever the depth or fan-out: the agent, its ancestors by id, its children by parent. */
export async function findLineage(db: Executor, organizationId: string, agentId: string) {
  const [agent] = await db
    .select()
    .from(agents)
    .where(and(eq(agents.id, agentId), eq(agents.organizationId, organizationId)))
    .limit(1);
  if (!agent) return null;
  const ids = ancestorIds(agent.ancestry);
  const ancestors = ids.length
    ? await db.select(nodeColumns).from(agents).where(inArray(agents.id, ids)).orderBy(asc(agents.spawnDepth))
    : [];
  const children = await db
    .select(nodeColumns)
    .from(agents)
    .where(eq(agents.parentId, agent.id))
    .orderBy(asc(agents.createdAt), asc(agents.id));
  return { agent, ancestors, children };
}

/** Every agent of the organisation, or one agent's subtree (one prefix range): two queries at most. */
/**
 * One page of the forest: up to `limit` roots, newest first, each with its whole family (two
 * indexed queries: the roots, then every agent whose root_id is one of them).
 */
export async function findForestPage(db: Executor, organizationId: string, page: { limit: number; cursor?: Cursor }) {
  const conditions = [eq(agents.organizationId, organizationId), isNull(agents.parentId)];
  if (page.cursor) conditions.push(beforeCursor(page.cursor));
  const rows = await db
    .select({ id: agents.id, createdAt: agents.createdAt })
    .from(agents)
    .where(and(...conditions))
    .orderBy(desc(agents.createdAt), desc(agents.id))
    .limit(page.limit + 1);
  const { agents: roots, next } = pageOf(rows, page.limit);
  if (roots.length === 0) return { nodes: [], rootIds: [], next };
  const rootIds = roots.map((r) => r.id);
  const nodes = await db
    .select(nodeColumns)
    .from(agents)
    .where(
      and(eq(agents.organizationId, organizationId), or(inArray(agents.id, rootIds), inArray(agents.rootId, rootIds))),
    )
    .orderBy(asc(agents.createdAt), asc(agents.id));
  return { nodes, rootIds, next };
}

export async function findTreeNodes(db: Executor, organizationId: string, rootAgentId: string) {
  const org = eq(agents.organizationId, organizationId);
  const [root] = await db
    .select({ id: agents.id, ancestry: agents.ancestry })
    .from(agents)
    .where(and(org, eq(agents.id, rootAgentId)))
    .limit(1);
  if (!root) return null;
  return db
    .select(nodeColumns)
    .from(agents)
    .where(and(org, or(eq(agents.id, root.id), sql`${agents.ancestry} like ${descendantsPattern(root)}`)))
    .orderBy(asc(agents.createdAt), asc(agents.id));
}
