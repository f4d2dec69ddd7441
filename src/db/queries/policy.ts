import { type SQL, and, desc, eq, inArray, lt, gte, or, sql } from 'drizzle-orm';
import type { Cursor } from '../../domain/cursor';
import type { AgentStatus, AgentType } from '../../domain/agents';
import { type Executor, rawClient } from '../client';
import { agents, policyActions, policyDecisions } from '../schema';
import { type AuditActor, writeAudit } from './audit';

/** Sent by the triggers of migration 0012 whenever an organisation's action configuration changes. */
export const POLICY_ACTIONS_CHANNEL = 'mir_policy_actions_changed';

export type ActionOverrides = Map<string, Record<string, unknown>>;

export async function orgActionOverrides(db: Executor, organizationId: string): Promise<ActionOverrides> {
  // Read by every evaluation: plain postgres.js, prepared once per connection.
  const rows = await rawClient(db)<{ action: string; config: Record<string, unknown> }[]>`
    select action, config from policy_actions where organization_id = ${organizationId}`;
  return new Map(rows.map((r) => [r.action, r.config]));
}

/** Agents named by id or by agentExternalId, in one query. */
export async function agentsForPolicy(db: Executor, organizationId: string, ids: string[]) {
  const found = new Map<string, { status: AgentStatus; type: AgentType }>();
  if (ids.length === 0) return found;
  const unique = [...new Set(ids)];
  const rows = await db
    .select({ id: agents.id, externalId: agents.agentExternalId, status: agents.status, type: agents.type })
    .from(agents)
    .where(
      and(
        eq(agents.organizationId, organizationId),
        or(inArray(agents.id, unique), inArray(agents.agentExternalId, unique)),
      ),
    );
  for (const r of rows) {
    found.set(r.id, r);
    if (r.externalId) found.set(r.externalId, r);
  }
  return found;
}

/** Sets (or, with config null, removes) an organisation's action, audited in the same transaction. */
export async function setOrgAction(
  db: Executor,
  params: {
    organizationId: string;
    action: string;
    config: Record<string, unknown> | null;
    actor: AuditActor;
    requestId?: string;
  },
) {
  return db.transaction(async (tx) => {
    const match = and(eq(policyActions.organizationId, params.organizationId), eq(policyActions.action, params.action));
    const [before] = await tx.select().from(policyActions).where(match).for('update');
    if (params.config) {
      await tx
        .insert(policyActions)
        .values({ organizationId: params.organizationId, action: params.action, config: params.config })
        .onConflictDoUpdate({
          target: [policyActions.organizationId, policyActions.action],
          set: { config: params.config, updatedAt: sql`now()` },
        });
    } else if (before) {
      await tx.delete(policyActions).where(match);
    } else {
      return false;
    }
    await writeAudit(tx, {
      organizationId: params.organizationId,
      actor: params.actor,
      requestId: params.requestId,
      action: params.config ? 'policy_action.set' : 'policy_action.deleted',
      targetType: 'policy_action',
      targetId: params.action,
      details: { before: before?.config ?? null, after: params.config },
    });
    return true;
  });
}

export type DecisionRow = typeof policyDecisions.$inferInsert;

export interface DecisionFilter {
  decision?: string;
  action?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
  cursor?: Cursor;
  limit: number;
}

export async function listDecisions(db: Executor, organizationId: string, f: DecisionFilter) {
  const conditions: (SQL | undefined)[] = [eq(policyDecisions.organizationId, organizationId)];
  if (f.decision) conditions.push(eq(policyDecisions.decision, f.decision));
  if (f.action) conditions.push(eq(policyDecisions.action, f.action));
  if (f.actorId) conditions.push(eq(policyDecisions.actorId, f.actorId));
  if (f.from) conditions.push(gte(policyDecisions.createdAt, f.from));
  if (f.to) conditions.push(lt(policyDecisions.createdAt, f.to));
  if (f.cursor) {
    const { at, id } = f.cursor;
    conditions.push(
      or(lt(policyDecisions.createdAt, at), and(eq(policyDecisions.createdAt, at), lt(policyDecisions.id, id))),
    );
  }
  const rows = await db
    .select()
    .from(policyDecisions)
    .where(and(...conditions))
    .orderBy(desc(policyDecisions.createdAt), desc(policyDecisions.id))
    .limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > f.limit && last ? { at: last.createdAt, id: last.id } : null };
}
