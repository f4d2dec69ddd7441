import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { organizations, orgMembers } from '../schema';
import { writeAudit } from './audit';

/** The person's current memberships, oldest first: who holds them as a member, in which role. */
export async function membershipsOf(db: Executor, mirUserId: string) {
  return db
    .select({
      organizationId: orgMembers.organizationId,
      organizationName: organizations.name,
      memberId: orgMembers.id,
      role: orgMembers.role,
      since: orgMembers.createdAt,
    })
    .from(orgMembers)
    .innerJoin(organizations, eq(organizations.id, orgMembers.organizationId))
    .where(and(eq(orgMembers.mirUserId, mirUserId), isNull(orgMembers.endedAt)))
    .orderBy(orgMembers.createdAt, orgMembers.id);
}

/**
 * Ends the person's membership of the organisation, with its audit entry (naming the member id,
 * never the account). The conditional update makes two leaves at once end it once: the second
 * finds nothing. The invite stays CLAIMED, so a later import of the address does not add them back.
 */
export async function leaveOrganization(db: Executor, mirUserId: string, organizationId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [ended] = await tx
      .update(orgMembers)
      .set({ endedAt: sql`now()` })
      .where(
        and(
          eq(orgMembers.mirUserId, mirUserId),
          eq(orgMembers.organizationId, organizationId),
          isNull(orgMembers.endedAt),
        ),
      )
      .returning({ id: orgMembers.id, role: orgMembers.role });
    if (!ended) return false;
    await writeAudit(tx, {
      organizationId,
      actor: { type: 'user', id: null },
      action: 'member.left',
      targetType: 'org_member',
      targetId: ended.id,
      details: { role: ended.role },
    });
    return true;
  });
}

/** What the mail about a membership names: the organisation, and the role while the membership lasts. */
export async function membershipForMail(db: Executor, mirUserId: string, organizationId: string) {
  const [row] = await db
    .select({ name: organizations.name, role: orgMembers.role })
    .from(organizations)
    .leftJoin(
      orgMembers,
      and(
        eq(orgMembers.organizationId, organizations.id),
        eq(orgMembers.mirUserId, mirUserId),
        isNull(orgMembers.endedAt),
      ),
    )
    .where(eq(organizations.id, organizationId));
  return row ?? null;
}
