import { type AnyColumn, and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { Cursor } from '../../domain/cursor';
import { newId } from '../../domain/ids';
import { type RegulationType, suppressionOf } from '../../domain/regulations';
import { workflowIds } from '../../domain/workflow-ids';
import { type Executor, rawClient } from '../client';
import { partnerUsers, userRegulations } from '../schema';
import { type AuditActor, writeAudit } from './audit';
import { queueWorkflowStart } from './workflow-starts';

export type Regulation = typeof userRegulations.$inferSelect;

/**
 * Suppression changes here, at once, so the 202 means it is in force: the users' rows are
 * locked in the order every event batch locks them (external id), so neither waits on the other
 * in a cycle. SUPPRESS creates the rows of users never seen, so their first event is refused too.
 */
async function applySuppression(tx: Executor, organizationId: string, type: RegulationType, userIds: string[]) {
  const sql = rawClient(tx);
  const suppress = suppressionOf(type);
  if (suppress === true) {
    await sql`
      insert into partner_users (id, organization_id, external_id, suppressed_at)
      select u.id, ${organizationId}, u.external_id, now()
      from unnest(${userIds.map(() => newId('usr'))}::text[], ${userIds}::text[]) as u(id, external_id)
      order by u.external_id
      on conflict (organization_id, external_id) do update
        set suppressed_at = coalesce(partner_users.suppressed_at, excluded.suppressed_at)`;
    return;
  }
  // DELETE only locks them (for its cutoff); UNSUPPRESS also lifts the mark.
  const locked = sql`
    select id from partner_users where organization_id = ${organizationId} and external_id = any(${userIds}::text[])
    order by external_id for update`;
  if (suppress === null) {
    await locked;
    return;
  }
  await sql`
    with locked as (${locked})
    update partner_users p set suppressed_at = null from locked where p.id = locked.id and p.suppressed_at is not null`;
}

/**
 * The regulation, its suppression change, its audit entry and its workflow's start (the outbox),
 * in one transaction: the caller's, under an Idempotency-Key. The cutoff is read once the users'
 * rows are locked: every event stored before it has committed, and a deletion removes up to it.
 */
export async function createRegulation(
  db: Executor,
  params: {
    organizationId: string;
    type: RegulationType;
    userIds: string[];
    actor: AuditActor;
    requestId: string;
  },
): Promise<Regulation> {
  const userIds = [...new Set(params.userIds)];
  return db.transaction(async (tx) => {
    await applySuppression(tx, params.organizationId, params.type, userIds);
    const id = newId('reg');
    const [regulation] = await tx
      .insert(userRegulations)
      .values({
        id,
        organizationId: params.organizationId,
        type: params.type,
        userIds,
        userCount: userIds.length,
        cutoffAt: sql`clock_timestamp()`,
        requestedBy: params.actor,
        requestId: params.requestId,
        workflowId: workflowIds.regulation(id),
      })
      .returning();
    // Counts only: an audit entry outlives the deletion it records, so it never names the users.
    await writeAudit(tx, {
      organizationId: params.organizationId,
      actor: params.actor,
      requestId: params.requestId,
      action: 'users.regulated',
      targetType: 'regulation',
      targetId: id,
      details: { type: params.type, userCount: userIds.length },
    });
    await queueWorkflowStart(tx, {
      type: 'regulationWorkflow',
      args: { regulationId: id, organizationId: params.organizationId, regulationType: params.type },
    });
    return regulation!;
  });
}

export async function findRegulation(db: Executor, organizationId: string, id: string): Promise<Regulation | null> {
  const [row] = await db
    .select()
    .from(userRegulations)
    .where(and(eq(userRegulations.id, id), eq(userRegulations.organizationId, organizationId)))
    .limit(1);
  return row ?? null;
}

/** Rows after the cursor in (at desc, id desc) order. */
const after = (at: AnyColumn, id: AnyColumn, cursor: Cursor) =>
  or(lt(at, cursor.at), and(eq(at, cursor.at), lt(id, cursor.id)));

/** Newest first by (createdAt, id), a keyset page like every listing. */
export async function listRegulations(db: Executor, organizationId: string, page: { limit: number; cursor?: Cursor }) {
  const rows = await db
    .select()
    .from(userRegulations)
    .where(
      and(
        eq(userRegulations.organizationId, organizationId),
        page.cursor ? after(userRegulations.createdAt, userRegulations.id, page.cursor) : undefined,
      ),
    )
    .orderBy(desc(userRegulations.createdAt), desc(userRegulations.id))
    .limit(page.limit + 1);
  return pageOf(rows, page.limit, (r) => ({ at: r.createdAt, id: r.id }));
}

/** The organisation's suppressed users, most recently suppressed first (a partial index holds only them). */
export async function listSuppressions(db: Executor, organizationId: string, page: { limit: number; cursor?: Cursor }) {
  const rows = await db
    .select({ id: partnerUsers.id, userId: partnerUsers.externalId, suppressedAt: partnerUsers.suppressedAt })
    .from(partnerUsers)
    .where(
      and(
        eq(partnerUsers.organizationId, organizationId),
        sql`${partnerUsers.suppressedAt} is not null`,
        page.cursor ? after(partnerUsers.suppressedAt, partnerUsers.id, page.cursor) : undefined,
      ),
    )
    .orderBy(desc(partnerUsers.suppressedAt), desc(partnerUsers.id))
    .limit(page.limit + 1);
  return pageOf(
    rows.map((r) => ({ ...r, suppressedAt: r.suppressedAt! })),
    page.limit,
    (r) => ({ at: r.suppressedAt, id: r.id }),
  );
}

function pageOf<T>(rows: T[], limit: number, cursorOf: (row: T) => Cursor) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, next: rows.length > limit && last ? cursorOf(last) : null };
}
