import { eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { type agents, partnerUsers } from '../schema';

type AgentRow = typeof agents.$inferSelect;

/** What every agent.* event says of the agent: ids and non-secret fields, never a key or its hash. */
export function agentEventData(agent: AgentRow) {
  return {
    agentId: agent.id,
    agentExternalId: agent.agentExternalId,
    name: agent.name,
    type: agent.type,
    status: agent.status,
    parentId: agent.parentId,
    spawnDepth: agent.spawnDepth,
  };
}

/** The partner's own id for its user (what it sent as userId), for link.* events. */
export async function partnerUserExternalId(tx: Executor, partnerUserId: string): Promise<string | null> {
  const [row] = await tx
    .select({ externalId: partnerUsers.externalId })
    .from(partnerUsers)
    .where(eq(partnerUsers.id, partnerUserId));
  return row?.externalId ?? null;
}
