import { and, eq } from 'drizzle-orm';
import { childAncestry } from '../../domain/lineage';
import type { Executor } from '../client';
import { agents } from '../schema';
import { type Agent, type NewAgent, auditView } from './agents';
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

export async function externalIdTaken(db: Executor, organizationId: string, agentExternalId: string): Promise<boolean> {
  const rows = await db
    .select({ id: agents.id })
    .from(agents)
    .where(and(eq(agents.organizationId, organizationId), eq(agents.agentExternalId, agentExternalId)))
    .limit(1);
  return rows.length > 0;
}
