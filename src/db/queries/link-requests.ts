import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { newId } from '../../domain/ids';
import type { Executor } from '../client';
import { linkRequests, organizations, partnerLinks, partnerUsers } from '../schema';
import { recordWebhookEvent } from './webhook-events';
import { partnerUserExternalId } from './webhook-payloads';

export type LinkRequest = typeof linkRequests.$inferSelect;

/** The partner's user record, created empty when a partner invites a userId it never sent events for. */
export async function ensurePartnerUser(db: Executor, organizationId: string, externalId: string): Promise<string> {
  const [row] = await db
    .insert(partnerUsers)
    .values({ id: newId('usr'), organizationId, externalId })
    .onConflictDoUpdate({
      target: [partnerUsers.organizationId, partnerUsers.externalId],
      set: { externalId: sql`excluded.external_id` },
    })
    .returning({ id: partnerUsers.id });
  return row!.id;
}

export async function activeLinkOf(db: Executor, partnerUserId: string) {
  const [link] = await db
    .select()
    .from(partnerLinks)
    .where(and(eq(partnerLinks.partnerUserId, partnerUserId), isNull(partnerLinks.unlinkedAt)))
    .limit(1);
  return link ?? null;
}

export async function pendingRequestOf(db: Executor, partnerUserId: string, kind: 'invite' | 'code') {
  const [row] = await db
    .select()
    .from(linkRequests)
    .where(
      and(
        eq(linkRequests.partnerUserId, partnerUserId),
        eq(linkRequests.kind, kind),
        eq(linkRequests.status, 'PENDING'),
        gt(linkRequests.expiresAt, sql`now()`),
      ),
    )
    .orderBy(desc(linkRequests.createdAt))
    .limit(1);
  return row ?? null;
}

export async function insertLinkRequest(
  db: Executor,
  params: {
    kind: 'invite' | 'code';
    organizationId: string;
    partnerUserId: string;
    secretHash: string;
    redirectUrl?: string | null;
    expiresAt: Date;
  },
): Promise<LinkRequest> {
  const [row] = await db
    .insert(linkRequests)
    .values({
      id: newId(params.kind === 'invite' ? 'linv' : 'lcode'),
      ...params,
      redirectUrl: params.redirectUrl ?? null,
    })
    .returning();
  return row!;
}

/** A re-sent invite keeps its id and expiry but gets a fresh URL; the previous URL stops working. */
export async function replaceRequestSecret(db: Executor, id: string, secretHash: string, redirectUrl: string | null) {
  await db.update(linkRequests).set({ secretHash, redirectUrl }).where(eq(linkRequests.id, id));
}

/** What the confirmation page needs: the request and the name of the partner asking. */
export async function findRequestBySecret(db: Executor, secretHash: string) {
  const [row] = await db
    .select({ request: linkRequests, partnerName: organizations.name })
    .from(linkRequests)
    .innerJoin(organizations, eq(organizations.id, linkRequests.organizationId))
    .where(eq(linkRequests.secretHash, secretHash))
    .limit(1);
  return row ?? null;
}

export async function findRequest(db: Executor, id: string) {
  const [row] = await db.select().from(linkRequests).where(eq(linkRequests.id, id)).limit(1);
  return row ?? null;
}

/**
 * Closes a PENDING request; either way answers the status the row now has. Idempotent: only a
 * PENDING request moves, so a retried activity changes (and reports) nothing the second time.
 */
export async function closeRequest(db: Executor, id: string, status: 'DECLINED' | 'EXPIRED') {
  return db.transaction(async (tx) => {
    const [closed] = await tx
      .update(linkRequests)
      .set({ status, decidedAt: sql`now()` })
      .where(and(eq(linkRequests.id, id), eq(linkRequests.status, 'PENDING')))
      .returning();
    if (closed) {
      if (closed.kind === 'invite' && status === 'EXPIRED') {
        await recordWebhookEvent(tx, closed.organizationId, 'link.invite.expired', {
          inviteId: closed.id,
          userId: await partnerUserExternalId(tx, closed.partnerUserId),
          expiresAt: closed.expiresAt.toISOString(),
        });
      }
      return closed.status;
    }
    const [row] = await tx.select({ status: linkRequests.status }).from(linkRequests).where(eq(linkRequests.id, id));
    return row?.status ?? status;
  });
}

export async function linkStatusOf(db: Executor, organizationId: string, externalId: string) {
  const [user] = await db
    .select({ id: partnerUsers.id })
    .from(partnerUsers)
    .where(and(eq(partnerUsers.organizationId, organizationId), eq(partnerUsers.externalId, externalId)))
    .limit(1);
  if (!user) return { link: null, invite: null };
  const [link, invite] = await Promise.all([activeLinkOf(db, user.id), pendingRequestOf(db, user.id, 'invite')]);
  return { link, invite };
}
