import type { LinkRequestRef } from '../../domain/links';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { newId } from '../../domain/ids';
import { type Executor, rawClient } from '../client';
import { linkRequests, organizations, partnerLinks, partnerUsers } from '../schema';
import { recordWebhookEvent } from './webhook-events';
import { partnerUserExternalId } from './webhook-payloads';

export type LinkRequest = typeof linkRequests.$inferSelect;

/** What a workflow start needs of a link request. */

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

export interface NewLinkRequest {
  kind: 'invite' | 'code';
  organizationId: string;
  partnerUserId: string;
  secretHash: string;
  redirectUrl?: string | null;
  expiresAt: Date;
}

/** Prepared once per connection: every invite and code writes one. */
export async function insertLinkRequest(db: Executor, params: NewLinkRequest): Promise<LinkRequestRef> {
  const { kind, organizationId, expiresAt } = params;
  const id = newId(kind === 'invite' ? 'linv' : 'lcode');
  await rawClient(db)`
    insert into link_requests (id, kind, organization_id, partner_user_id, secret_hash, redirect_url, expires_at)
    values (${id}, ${kind}, ${organizationId}, ${params.partnerUserId}, ${params.secretHash},
      ${params.redirectUrl ?? null}, ${expiresAt.toISOString()}::timestamptz)`;
  return { id, kind, organizationId, expiresAt };
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
