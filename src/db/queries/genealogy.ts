import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Cursor } from '../../domain/cursor';
import { ancestorIds, childAncestry, descendantsPattern } from '../../domain/genealogy';
import type { Executor } from '../client';
import { agents } from '../schema';
import { type Agent, type NewAgent, auditView, beforeCursor, pageOf } from './agents';
import { type AuditActor, writeAudit } from './audit';
import { recordWebhookEvent } from './webhook-events';
import { agentEventData } from './webhook-payloads';

/** The child as it will be inserted: config already checked against the parent. */
export interface SpawnChild extends Omit<NewAgent, 'generateKey'> {
  id: string;
  parentId: string;
  rootId: string;
  spawnDepth: number;
  ancestry: string;
}

type Derived = 'organizationId' | 'parentId' | 'rootId' | 'spawnDepth' | 'ancestry';

export function childOf(
  parent: Pick<Agent, 'id' | 'organizationId' | 'rootId' | 'spawnDepth' | 'ancestry'>,
  fields: Omit<SpawnChild, Derived>,
): SpawnChild {
  return {
    ...fields,
    organizationId: parent.organizationId,
    parentId: parent.id,
    rootId: parent.rootId ?? parent.id,
    spawnDepth: parent.spawnDepth + 1,
    ancestry: childAncestry(parent),
  };
}

/** The child and its `agent.spawned` audit entry land together. */
export async function insertSpawnedAgent(
  tx: Executor,
  child: SpawnChild & { keyHash: string | null; keyPrefix: string | null },
  audit: { actor: AuditActor; requestId?: string | null; details?: Record<string, unknown> },
): Promise<Agent> {
  const { config, ...rest } = child;
  const [agent] = await tx
    .insert(agents)
    .values({ ...rest, ...config, membershipSource: 'SPAWNED' })
    .returning();
  await writeAudit(tx, {
    organizationId: agent!.organizationId,
    actor: audit.actor,
    requestId: audit.requestId,
    action: 'agent.spawned',
    targetType: 'agent',
    targetId: agent!.id,
    details: { parentId: child.parentId, ...audit.details, after: auditView(agent!) },
  });
  await recordWebhookEvent(tx, agent!.organizationId, 'agent.created', {
    ...agentEventData(agent!),
    permissions: agent!.permissions,
    spawnRequestId: (audit.details?.spawnRequestId as string | undefined) ?? null,
  });
  return agent!;
}

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

export async function externalIdTaken(db: Executor, organizationId: string, agentExternalId: string): Promise<boolean> {
  const rows = await db
    .select({ id: agents.id })
    .from(agents)
    .where(and(eq(agents.organizationId, organizationId), eq(agents.agentExternalId, agentExternalId)))
    .limit(1);
  return rows.length > 0;
}
