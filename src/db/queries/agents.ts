import { SQL, and, desc, eq, inArray, lt, ne, or, sql } from 'drizzle-orm';
import type { Cursor } from '../../domain/cursor';
import type { AgentConfig } from '../../domain/agents';
import { newId } from '../../domain/ids';
import { AGENT_KEY_PREFIX, issueSecret } from '../../domain/keys';
import type { Executor } from '../client';
import { agentKeyRotations, agentSpawnRequests, agents, retiredAgentKeys } from '../schema';
import { type AuditActor, writeAudit } from './audit';
import { recordWebhookEvent } from './webhook-events';
import { agentEventData } from './webhook-payloads';

export type Agent = typeof agents.$inferSelect;

export interface NewAgent {
  organizationId: string;
  name: string;
  description: string | null;
  config: AgentConfig;
  rateLimitPerMinute: number | null;
  agentExternalId: string | null;
  generateKey: boolean;
}

interface Audited {
  actor: AuditActor;
  requestId?: string;
}

/** Postgres' unique violation on the external id, so callers can answer 409 instead of 500. */
export function isExternalIdConflict(err: unknown): boolean {
  const cause = (err as { cause?: { code?: string; constraint_name?: string } })?.cause ?? err;
  const pg = cause as { code?: string; constraint_name?: string };
  return pg?.code === '23505' && pg.constraint_name === 'agents_org_external_id_idx';
}

/** The agent and its audit entry land together; the plaintext key is returned once and never stored. */
export async function createAgent(db: Executor, params: NewAgent & Audited) {
  const secret = params.generateKey ? issueSecret(AGENT_KEY_PREFIX) : null;
  return db.transaction(async (tx) => {
    const [agent] = await tx
      .insert(agents)
      .values({
        id: newId('agent'),
        organizationId: params.organizationId,
        name: params.name,
        description: params.description,
        ...params.config,
        rateLimitPerMinute: params.rateLimitPerMinute,
        agentExternalId: params.agentExternalId,
        keyHash: secret?.hash ?? null,
        keyPrefix: secret?.displayPrefix ?? null,
      })
      .returning();
    await writeAudit(tx, {
      organizationId: params.organizationId,
      actor: params.actor,
      requestId: params.requestId,
      action: 'agent.created',
      targetType: 'agent',
      targetId: agent!.id,
      details: { after: auditView(agent!) },
    });
    await recordWebhookEvent(tx, params.organizationId, 'agent.created', {
      ...agentEventData(agent!),
      permissions: agent!.permissions,
    });
    return { agent: agent!, apiKey: secret?.plaintext ?? null };
  });
}

/** The fields an audit entry shows; never the key hash. */
export function auditView(agent: Agent) {
  const { keyHash: _hash, keyPrefix: _prefix, lastUsedAt: _used, updatedAt: _updated, ...rest } = agent;
  return rest;
}

export async function findAgent(db: Executor, organizationId: string, agentId: string): Promise<Agent | null> {
  const [row] = await db
    .select()
    .from(agents)
    .where(and(eq(agents.id, agentId), eq(agents.organizationId, organizationId)))
    .limit(1);
  return row ?? null;
}

/** Several agents of one organisation at once (the console's spawn page reads each request's parent). */
export async function findAgents(db: Executor, organizationId: string, agentIds: readonly string[]): Promise<Agent[]> {
  if (agentIds.length === 0) return [];
  return db
    .select()
    .from(agents)
    .where(and(inArray(agents.id, [...agentIds]), eq(agents.organizationId, organizationId)));
}

/** Newest first, one keyset page: `limit + 1` rows are read so the caller knows whether more follow. */
export async function listAgents(
  db: Executor,
  organizationId: string,
  page: { includeRevoked: boolean; limit: number; cursor?: Cursor },
): Promise<{ agents: Agent[]; next: Cursor | null }> {
  const conditions: SQL[] = [eq(agents.organizationId, organizationId)];
  if (!page.includeRevoked) conditions.push(ne(agents.status, 'REVOKED'));
  if (page.cursor) conditions.push(beforeCursor(page.cursor));
  const rows = await db
    .select()
    .from(agents)
    .where(and(...conditions))
    .orderBy(desc(agents.createdAt), desc(agents.id))
    .limit(page.limit + 1);
  return pageOf(rows, page.limit);
}

/** Rows strictly after `cursor` in (createdAt desc, id desc) order. */
export const beforeCursor = ({ at, id }: Cursor): SQL =>
  or(lt(agents.createdAt, at), and(eq(agents.createdAt, at), lt(agents.id, id)))!;

export function pageOf<T extends { createdAt: Date; id: string }>(rows: T[], limit: number) {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept[kept.length - 1];
  return { agents: kept, next: more && last ? { at: last.createdAt, id: last.id } : null };
}

/** Locks the row for the rest of the transaction, so concurrent changes to one agent apply one after another. */
export async function lockAgent(tx: Executor, organizationId: string, agentId: string): Promise<Agent | null> {
  const [row] = await tx
    .select()
    .from(agents)
    .where(and(eq(agents.id, agentId), eq(agents.organizationId, organizationId)))
    .for('update')
    .limit(1);
  return row ?? null;
}

type AgentChanges = Partial<Omit<typeof agents.$inferInsert, 'id' | 'organizationId'>>;

/** Agent changes partners hear about by webhook (the audit action is the event type). */
const REPORTED_CHANGES: Record<string, 'agent.suspended' | 'agent.reactivated' | 'agent.key_rotated' | undefined> = {
  'agent.suspended': 'agent.suspended',
  'agent.reactivated': 'agent.reactivated',
  'agent.key_rotated': 'agent.key_rotated',
};

/** Writes the changes and one audit entry with the before/after of exactly the fields that changed. */
export async function applyAgentChange(
  tx: Executor,
  before: Agent,
  changes: AgentChanges,
  audit: Audited & { action: string; reason?: string | null },
): Promise<Agent> {
  const differs = (k: string) => {
    const value = (changes as Record<string, unknown>)[k];
    return value instanceof SQL || JSON.stringify(before[k as keyof Agent]) !== JSON.stringify(value);
  };
  // Nothing would change: no write, no audit entry, updatedAt untouched.
  if (!Object.keys(changes).some(differs)) return before;
  const [after] = await tx
    .update(agents)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(agents.id, before.id))
    .returning();
  const changed = Object.keys(changes).filter(
    (k) => k !== 'keyHash' && JSON.stringify(before[k as keyof Agent]) !== JSON.stringify(after![k as keyof Agent]),
  );
  const pick = (a: Agent) => Object.fromEntries(changed.map((k) => [k, a[k as keyof Agent]]));
  await writeAudit(tx, {
    organizationId: before.organizationId,
    actor: audit.actor,
    requestId: audit.requestId,
    action: audit.action,
    targetType: 'agent',
    targetId: before.id,
    details: { ...(audit.reason ? { reason: audit.reason } : {}), before: pick(before), after: pick(after!) },
  });
  const reported = REPORTED_CHANGES[audit.action];
  if (reported) {
    await recordWebhookEvent(tx, before.organizationId, reported, {
      ...agentEventData(after!),
      ...(audit.reason ? { reason: audit.reason } : {}),
      ...(reported === 'agent.key_rotated' ? { keyVersion: after!.keyVersion } : {}),
    });
  }
  return after!;
}

/** Moves a rotated-away key hash out of the lookup column: the key is only ever recognised as rotated. */
export async function retireAgentKey(tx: Executor, agent: Agent): Promise<void> {
  if (!agent.keyHash) return;
  await tx
    .insert(retiredAgentKeys)
    .values({ keyHash: agent.keyHash, agentId: agent.id, reason: 'rotated' })
    .onConflictDoNothing();
}

/**
 * Revocation deletes every copy of the agents' key hashes (the enterprise reference: deleted, not recoverable): keys
 * rotated away, rotation rows, and the spawn request that issued the key. Their keys are then
 * unknown keys. The caller clears agents.key_hash in the same transaction.
 */
export async function forgetAgentKeys(tx: Executor, agentIds: string[]): Promise<void> {
  if (agentIds.length === 0) return;
  await tx.delete(retiredAgentKeys).where(inArray(retiredAgentKeys.agentId, agentIds));
  await tx.delete(agentKeyRotations).where(inArray(agentKeyRotations.agentId, agentIds));
  await tx.update(agentSpawnRequests).set({ keyHash: null }).where(inArray(agentSpawnRequests.childAgentId, agentIds));
}

