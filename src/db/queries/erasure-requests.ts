import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { erasedRef } from '../../domain/erasure';
import { newId } from '../../domain/ids';
import type { WebhookEventType } from '../../domain/webhooks';
import { type Executor, type Tx, rawClient } from '../client';
import { accountErasures, mirUsers } from '../schema';
import { writeAudit } from './audit';
import { recordWebhookEvent } from './webhook-events';
import { queueWorkflowStart } from './workflow-starts';

export type AccountErasure = typeof accountErasures.$inferSelect;

/** A link an erasure ended or restored, as its partner knows it. */
interface PartnerLink {
  linkId: string;
  organizationId: string;
  partnerUserId: string;
  externalId: string;
}

/**
 * The account row, locked: an erasure's request, its cancellation, its start and a link
 * confirmation (lockAccountForLinking) of one person take turns, so none of them acts on what
 * another is about to change.
 */
async function lockAccount(tx: Tx, mirUserId: string): Promise<boolean> {
  const [row] = await tx.select({ id: mirUsers.id }).from(mirUsers).where(eq(mirUsers.id, mirUserId)).for('update');
  return row !== undefined;
}

/** The person's open erasure (SCHEDULED, or ERASING when a request or login races its start). */
async function openErasureOf(tx: Executor, mirUserId: string): Promise<AccountErasure | null> {
  const [row] = await tx
    .select()
    .from(accountErasures)
    .where(and(eq(accountErasures.mirUserId, mirUserId), isNull(accountErasures.completedAt)));
  return row ?? null;
}

/** Without a lock: whether a login has anything to cancel (nearly never). */
export async function hasOpenErasure(db: Executor, mirUserId: string): Promise<boolean> {
  return (await openErasureOf(db, mirUserId)) !== null;
}

/** The newest erasure the person asked for (open or cancelled), for GET /v1/me/erasure. */
export async function newestErasureOf(db: Executor, mirUserId: string): Promise<AccountErasure | null> {
  const [row] = await db
    .select()
    .from(accountErasures)
    .where(eq(accountErasures.mirUserId, mirUserId))
    .orderBy(desc(accountErasures.requestedAt))
    .limit(1);
  return row ?? null;
}

/**
 * Each partner hears of it with its own id for the person and its own link id, never the account
 * id or an id another partner also sees (that would let partners match their users); its audit
 * trail gets the same, which the erasure turns into digests later.
 */
async function tellPartners<L extends PartnerLink>(
  tx: Tx,
  mirUserId: string,
  links: L[],
  type: WebhookEventType,
  data: (link: L) => Record<string, unknown>,
) {
  for (const link of links) {
    await recordWebhookEvent(tx, link.organizationId, type, { userId: link.externalId, linkId: link.linkId, ...data(link) });
    await writeAudit(tx, {
      organizationId: link.organizationId,
      actor: { type: 'user', id: mirUserId },
      action: type,
      targetType: 'partner_user',
      targetId: link.partnerUserId,
      details: { linkId: link.linkId, ...data(link) },
    });
  }
}

/**
 * The erasure workflow hears of a new or cancelled erasure through the outbox, queued in the
 * transaction that made the change (signal-with-start): it waits for its timer otherwise.
 */
const wakeWorkflow = (tx: Tx, mirUserId: string) =>
  queueWorkflowStart(tx, { type: 'erasureWorkflow', args: { accountId: mirUserId } });

/**
 * Schedules the erasure and ends every active link in the same transaction: from its commit no
 * partner sees the shared history (resolve answers as if unlinked), and the erasure workflow is
 * queued to start or wake. A second request finds the first (`created: false`) and queues
 * nothing: the first one's wake-up follows it. Null when the account is gone.
 */
export async function scheduleErasure(db: Executor, params: { mirUserId: string; graceSeconds: number }) {
  return db.transaction(async (tx) => {
    if (!(await lockAccount(tx, params.mirUserId))) return null;
    const open = await openErasureOf(tx, params.mirUserId);
    if (open) return { erasure: open, created: false };
    const pg = rawClient(tx);
    // Both now(): the links' unlinked_at is exactly requested_at, which is how a cancellation finds them.
    const suspended = await pg<PartnerLink[]>`
      with ended as (
        update partner_links set unlinked_at = now()
        where mir_user_id = ${params.mirUserId} and unlinked_at is null
        returning id, organization_id, partner_user_id)
      select e.id as "linkId", e.organization_id as "organizationId", e.partner_user_id as "partnerUserId",
             u.external_id as "externalId"
      from ended e join partner_users u on u.id = e.partner_user_id`;
    const [erasure] = await tx
      .insert(accountErasures)
      .values({
        id: newId('era'),
        mirUserId: params.mirUserId,
        accountRef: erasedRef(params.mirUserId),
        erasesAt: sql`now() + make_interval(secs => ${params.graceSeconds})`,
        suspendedLinks: suspended.map((l) => l.linkId),
      })
      .returning();
    const erasesAt = erasure!.erasesAt.toISOString();
    await tellPartners(tx, params.mirUserId, suspended, 'user.erasure_scheduled', () => ({ erasesAt }));
    await wakeWorkflow(tx, params.mirUserId);
    return { erasure: erasure!, created: true };
  });
}

export type CancelOutcome =
  | { outcome: 'cancelled'; erasure: AccountErasure }
  | { outcome: 'started'; erasure: AccountErasure }
  | { outcome: 'none' };

/**
 * Cancels a SCHEDULED erasure and restores the links it ended, in one transaction. A link is not
 * restored when its partner user was linked to another account meanwhile (the partner is told
 * `linked: false`). Too late once the erasure has started.
 */
export async function cancelErasure(db: Executor, mirUserId: string): Promise<CancelOutcome> {
  return db.transaction(async (tx) => {
    if (!(await lockAccount(tx, mirUserId))) return { outcome: 'none' };
    const open = await openErasureOf(tx, mirUserId);
    if (!open) return { outcome: 'none' };
    if (open.status !== 'SCHEDULED') return { outcome: 'started', erasure: open };
    const [cancelled] = await tx
      .update(accountErasures)
      .set({ status: 'CANCELLED', cancelledAt: sql`now()`, completedAt: sql`now()` })
      .where(eq(accountErasures.id, open.id))
      .returning();
    const links = await rawClient(tx)<(PartnerLink & { restored: boolean })[]>`
      with restored as (
        update partner_links l set unlinked_at = null
        where l.id = any(${open.suspendedLinks}::text[]) and l.unlinked_at = (
            select requested_at from account_erasures where id = ${open.id})
          and not exists (
            select 1 from partner_links o where o.unlinked_at is null
              and (o.partner_user_id = l.partner_user_id or (o.mir_user_id = l.mir_user_id and o.organization_id = l.organization_id)))
        returning l.id)
      select l.id as "linkId", l.organization_id as "organizationId", l.partner_user_id as "partnerUserId",
             u.external_id as "externalId", exists (select 1 from restored r where r.id = l.id) as restored
      from partner_links l join partner_users u on u.id = l.partner_user_id
      where l.id = any(${open.suspendedLinks}::text[])`;
    const cancelledAt = cancelled!.cancelledAt!.toISOString();
    await tellPartners(tx, mirUserId, [...links], 'user.erasure_cancelled', (l) => ({ linked: l.restored, cancelledAt }));
    // The waiting workflow ends now rather than at its timer.
    await wakeWorkflow(tx, mirUserId);
    return { outcome: 'cancelled', erasure: cancelled! };
  });
}

/**
 * For a link confirmation: waits for an erasure request of this person being written and tells
 * whether one is open, so no link is made for an account being erased. Call inside the
 * transaction that writes the link.
 */
export async function erasureBlocksLinking(tx: Tx, mirUserId: string): Promise<boolean> {
  await tx.select({ id: mirUsers.id }).from(mirUsers).where(eq(mirUsers.id, mirUserId)).for('share');
  return (await openErasureOf(tx, mirUserId)) !== null;
}
