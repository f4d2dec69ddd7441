import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { agents, organizations, retiredAgentKeys } from '../schema';
import { killSwitched } from './kill-switch';

const agentAuthColumns = {
  agent: agents,
  killSwitched,
  organizationName: organizations.name,
  plan: organizations.plan,
  settings: organizations.settings,
};

/** Read on every request, never cached, so suspension and revocation apply on the very next one. */
export async function findAgentByKeyHash(db: Executor, keyHash: string) {
  const [row] = await db
    .select(agentAuthColumns)
    .from(agents)
    .innerJoin(organizations, eq(organizations.id, agents.organizationId))
    .where(eq(agents.keyHash, keyHash))
    .limit(1);
  return row ?? null;
}

export async function findAgentByExternalId(db: Executor, organizationId: string, agentExternalId: string) {
  const [row] = await db
    .select({ ...getTableColumns(agents), killSwitched })
    .from(agents)
    .where(and(eq(agents.organizationId, organizationId), eq(agents.agentExternalId, agentExternalId)))
    .limit(1);
  return row ?? null;
}

export async function findRetiredKey(db: Executor, keyHash: string) {
  const [row] = await db.select().from(retiredAgentKeys).where(eq(retiredAgentKeys.keyHash, keyHash)).limit(1);
  return row ?? null;
}

/** Conditional, so concurrent requests from several processes write at most about once a minute per agent. */
export async function touchAgentLastUsed(db: Executor, agentId: string): Promise<void> {
  await db
    .update(agents)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(agents.id, agentId),
        sql`(${agents.lastUsedAt} is null or ${agents.lastUsedAt} < now() - interval '1 minute')`,
      ),
    );
}
