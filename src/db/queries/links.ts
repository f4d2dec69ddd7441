import { and, eq, isNull, sql } from 'drizzle-orm';
import { newId } from '../../domain/ids';
import type { ConfirmOutcome } from '../../domain/links';
import type { Executor } from '../client';
import { linkRequests, organizations, partnerLinks } from '../schema';
import { writeAudit } from './audit';
import { erasureBlocksLinking } from './erasure-requests';
import { recordWebhookEvent } from './webhook-events';
import { partnerUserExternalId } from './webhook-payloads';

/**
 * The person's confirmation, as one transaction: the link, the request's new status and the
 * audit entry. Retry-safe: a request this person already confirmed returns its link again.
 */
export async function confirmLinkRequest(
  db: Executor,
  params: { requestId: string; mirUserId: string },
): Promise<ConfirmOutcome> {
  return db.transaction(async (tx) => {
    const [request] = await tx.select().from(linkRequests).where(eq(linkRequests.id, params.requestId)).for('update');
    if (!request) return { ok: false, reason: 'not_pending' };
    const active = and(
      eq(partnerLinks.mirUserId, params.mirUserId),
      eq(partnerLinks.organizationId, request.organizationId),
      isNull(partnerLinks.unlinkedAt),
    );
    if (request.status === 'CONFIRMED' && request.mirUserId === params.mirUserId) {
      const [link] = await tx.select().from(partnerLinks).where(active).limit(1);
      if (link)
        return {
          ok: true,
          linkId: link.id,
          organizationId: link.organizationId,
          linkedAt: link.linkedAt.toISOString(),
        };
    }
    if (request.status !== 'PENDING') return { ok: false, reason: 'not_pending' };
    if (request.expiresAt.getTime() <= Date.now()) return { ok: false, reason: 'expired' };
    // No new link for an account being erased; the request stays pending (docs/data-rights.md).
    if (await erasureBlocksLinking(tx, params.mirUserId)) return { ok: false, reason: 'account_closing' };
    const [taken] = await tx
      .select({ id: partnerLinks.id })
      .from(partnerLinks)
      .where(
        sql`(${active}) or (${partnerLinks.partnerUserId} = ${request.partnerUserId} and ${partnerLinks.unlinkedAt} is null)`,
      )
      .limit(1);
    if (taken) return { ok: false, reason: 'already_linked' };
    const [link] = await tx
      .insert(partnerLinks)
      .values({
        id: newId('link'),
        mirUserId: params.mirUserId,
        organizationId: request.organizationId,
        partnerUserId: request.partnerUserId,
        method: request.kind,
      })
      .returning();
    await tx
      .update(linkRequests)
      .set({ status: 'CONFIRMED', decidedAt: sql`now()`, mirUserId: params.mirUserId })
      .where(eq(linkRequests.id, request.id));
    await writeAudit(tx, {
      organizationId: request.organizationId,
      actor: { type: 'user', id: params.mirUserId },
      action: 'link.confirmed',
      targetType: 'partner_user',
      targetId: request.partnerUserId,
      details: { via: request.kind, requestId: request.id },
    });
    await recordWebhookEvent(tx, request.organizationId, 'link.confirmed', {
      linkId: link!.id,
      userId: await partnerUserExternalId(tx, request.partnerUserId),
      method: request.kind,
      requestId: request.id,
      linkedAt: link!.linkedAt.toISOString(),
    });
    return {
      ok: true,
      linkId: link!.id,
      organizationId: request.organizationId,
      linkedAt: link!.linkedAt.toISOString(),
    };
  });
}

export async function linksOfUser(db: Executor, mirUserId: string) {
  return db
    .select({ organizationId: organizations.id, name: organizations.name, linkedAt: partnerLinks.linkedAt })
    .from(partnerLinks)
    .innerJoin(organizations, eq(organizations.id, partnerLinks.organizationId))
    .where(and(eq(partnerLinks.mirUserId, mirUserId), isNull(partnerLinks.unlinkedAt)))
    .orderBy(partnerLinks.linkedAt);
}

/** The partner stops seeing the shared history at once; its own events stay its own. */
export async function unlink(db: Executor, mirUserId: string, organizationId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [link] = await tx
      .update(partnerLinks)
      .set({ unlinkedAt: sql`now()` })
      .where(
        and(
          eq(partnerLinks.mirUserId, mirUserId),
          eq(partnerLinks.organizationId, organizationId),
          isNull(partnerLinks.unlinkedAt),
        ),
      )
      .returning();
    if (!link) return false;
    await writeAudit(tx, {
      organizationId,
      actor: { type: 'user', id: mirUserId },
      action: 'link.removed',
      targetType: 'partner_user',
      targetId: link.partnerUserId,
    });
    await recordWebhookEvent(tx, organizationId, 'link.removed', {
      linkId: link.id,
      userId: await partnerUserExternalId(tx, link.partnerUserId),
      unlinkedAt: link.unlinkedAt?.toISOString() ?? null,
    });
    return true;
  });
}
