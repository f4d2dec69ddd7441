import { type SQL, and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Cursor } from '../../domain/cursor';
import { newId } from '../../domain/ids';
import type { Executor } from '../client';
import { type MemberInviteStatus, memberInvites, mirUsers, orgMembers } from '../schema';
import type { Role } from '../../domain/roles';
import { ApiError } from '../../domain/errors';
import { type AuditActor, writeAudit } from './audit';
import { assertAnotherOwner, lockOwners } from './member-roles';
import { enqueueMail } from './mail-queue';
import { recordWebhookEvent } from './webhook-events';

export type MemberInvite = typeof memberInvites.$inferSelect;

export interface PageFilter {
  cursor?: Cursor;
  limit: number;
}

/** Newest first by (createdAt, id); a cursor is the last row of the previous page. */
const after = (cursor: Cursor | undefined, at: SQL, id: SQL | typeof memberInvites.id | typeof orgMembers.id) =>
  cursor ? sql`(${at}, ${id}) < (${cursor.at.toISOString()}::timestamptz, ${cursor.id})` : undefined;

function page<T extends { createdAt: Date; id: string }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, next: rows.length > limit && last ? { at: last.createdAt, id: last.id } : null };
}

export async function listMemberInvites(
  db: Executor,
  organizationId: string,
  filter: PageFilter & { status?: MemberInviteStatus },
) {
  // Cursors carry milliseconds, Postgres keeps microseconds: compare on the truncated time.
  const at = sql`date_trunc('milliseconds', ${memberInvites.createdAt})`;
  const rows = await db
    .select()
    .from(memberInvites)
    .where(
      and(
        eq(memberInvites.organizationId, organizationId),
        filter.status ? eq(memberInvites.status, filter.status) : undefined,
        after(filter.cursor, at, memberInvites.id),
      ),
    )
    .orderBy(desc(at), desc(memberInvites.id))
    .limit(filter.limit + 1);
  return page(rows, filter.limit);
}

export async function listMembers(db: Executor, organizationId: string, filter: PageFilter) {
  const at = sql`date_trunc('milliseconds', ${orgMembers.createdAt})`;
  const rows = await db
    .select({
      id: orgMembers.id,
      email: mirUsers.email,
      role: orgMembers.role,
      inviteId: orgMembers.inviteId,
      createdAt: orgMembers.createdAt,
    })
    .from(orgMembers)
    .innerJoin(mirUsers, eq(mirUsers.id, orgMembers.mirUserId))
    .where(
      and(
        eq(orgMembers.organizationId, organizationId),
        isNull(orgMembers.endedAt),
        after(filter.cursor, at, orgMembers.id),
      ),
    )
    .orderBy(desc(at), desc(orgMembers.id))
    .limit(filter.limit + 1);
  return page(rows, filter.limit);
}

/**
 * REMOVED, and a claimed invite's membership ends with it, in one transaction with its audit entry.
 * Removing twice answers the removed invite again; null when the organisation has no such invite.
 * An OWNER's membership is ended only by an OWNER (`callerRole`), and never the last one.
 */
export async function removeMemberInvite(
  db: Executor,
  params: {
    organizationId: string;
    inviteId: string;
    actor: AuditActor;
    requestId: string | null;
    callerRole: Role | null;
  },
): Promise<MemberInvite | null> {
  return db.transaction(async (tx) => {
    const owners = await lockOwners(tx, params.organizationId);
    const [before] = await tx
      .select()
      .from(memberInvites)
      .where(and(eq(memberInvites.id, params.inviteId), eq(memberInvites.organizationId, params.organizationId)))
      .for('update');
    if (!before) return null;
    if (before.status === 'REMOVED') return before;
    const [owner] = await tx
      .select({ id: orgMembers.id })
      .from(orgMembers)
      .where(and(eq(orgMembers.inviteId, before.id), isNull(orgMembers.endedAt), eq(orgMembers.role, 'OWNER')));
    if (owner) {
      if (params.callerRole !== 'OWNER') {
        throw new ApiError('role_required', "Only an OWNER may end an OWNER's membership", { required: ['OWNER'] });
      }
      assertAnotherOwner(owners, owner.id);
    }
    const [removed] = await tx
      .update(memberInvites)
      .set({ status: 'REMOVED', removedAt: sql`now()` })
      .where(eq(memberInvites.id, before.id))
      .returning();
    const ended = await tx
      .update(orgMembers)
      .set({ endedAt: sql`now()` })
      .where(and(eq(orgMembers.inviteId, before.id), isNull(orgMembers.endedAt)))
      .returning({ id: orgMembers.id });
    await writeAudit(tx, {
      organizationId: params.organizationId,
      actor: params.actor,
      action: 'member.invite_removed',
      targetType: 'member_invite',
      targetId: before.id,
      details: { email: before.email, previousStatus: before.status, endedMemberships: ended.map((m) => m.id) },
      requestId: params.requestId,
    });
    return removed ?? null;
  });
}

export interface ClaimedInvite {
  inviteId: string;
  organizationId: string;
  memberId: string;
}

async function activeMemberId(db: Executor, organizationId: string, mirUserId: string): Promise<string> {
  const [row] = await db
    .select({ id: orgMembers.id })
    .from(orgMembers)
    .where(
      and(
        eq(orgMembers.organizationId, organizationId),
        eq(orgMembers.mirUserId, mirUserId),
        isNull(orgMembers.endedAt),
      ),
    );
  if (!row) throw new Error(`no active membership of ${mirUserId} in ${organizationId} after a conflicting insert`);
  return row.id;
}

/**
 * Claims every PENDING invite for the person's verified address, across organisations, in one
 * transaction. The conditional UPDATE makes it exactly once: a retry after a commit finds nothing.
 * Each organisation hears of its member by the member id, never the person's account id; the
 * person is mailed (the mail queue, sent by the worker) for each membership the claim began.
 */
export async function claimMemberInvites(db: Executor, mirUserId: string): Promise<ClaimedInvite[]> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(mirUsers).where(eq(mirUsers.id, mirUserId));
    if (!user?.emailVerifiedAt) return [];
    const claimed = await tx
      .update(memberInvites)
      .set({ status: 'CLAIMED', claimedAt: sql`now()`, mirUserId })
      .where(and(eq(memberInvites.email, user.email), eq(memberInvites.status, 'PENDING')))
      .returning();
    const out: ClaimedInvite[] = [];
    for (const invite of claimed) {
      const [member] = await tx
        .insert(orgMembers)
        .values({
          id: newId('mbr'),
          organizationId: invite.organizationId,
          mirUserId,
          role: invite.role,
          inviteId: invite.id,
        })
        .onConflictDoNothing({
          target: [orgMembers.organizationId, orgMembers.mirUserId],
          where: isNull(orgMembers.endedAt),
        })
        .returning({ id: orgMembers.id });
      // Already a member there (another way in): the organisation knows that membership's id.
      const memberId = member?.id ?? (await activeMemberId(tx, invite.organizationId, mirUserId));
      if (member) {
        await enqueueMail(tx, {
          kind: 'member-added',
          toEmail: user.email,
          mirUserId,
          organizationId: invite.organizationId,
        });
      }
      await writeAudit(tx, {
        organizationId: invite.organizationId,
        actor: { type: 'system', id: 'memberAutoLink' },
        action: 'member.linked',
        targetType: 'member_invite',
        targetId: invite.id,
        details: { role: invite.role, via: 'verification', memberId },
      });
      await recordWebhookEvent(tx, invite.organizationId, 'member.claimed', {
        inviteId: invite.id,
        memberId,
        role: invite.role,
        claimedAt: invite.claimedAt?.toISOString() ?? null,
      });
      out.push({ inviteId: invite.id, organizationId: invite.organizationId, memberId });
    }
    return out;
  });
}
