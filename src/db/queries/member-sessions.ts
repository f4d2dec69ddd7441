import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { mirUsers, organizations, orgMembers, sessions } from '../schema';

/**
 * A live session and, when `organizationId` is given, the person's current membership there with
 * the organisation, in one round trip and never cached: a logout, a removal or a role change
 * holds from the very next request. `member` is null for a non-member and an unknown organisation
 * alike, so the answer cannot tell them apart.
 */
export async function findMemberSession(db: Executor, tokenHash: string, organizationId: string | null) {
  const [row] = await db
    .select({
      accountId: mirUsers.id,
      memberId: orgMembers.id,
      role: orgMembers.role,
      organizationId: organizations.id,
      organizationName: organizations.name,
      plan: organizations.plan,
      settings: organizations.settings,
    })
    .from(sessions)
    .innerJoin(mirUsers, eq(mirUsers.id, sessions.mirUserId))
    .leftJoin(
      orgMembers,
      and(
        eq(orgMembers.mirUserId, mirUsers.id),
        eq(orgMembers.organizationId, organizationId ?? sql`null`),
        isNull(orgMembers.endedAt),
      ),
    )
    .leftJoin(organizations, eq(organizations.id, orgMembers.organizationId))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)))
    .limit(1);
  if (!row) return null;
  const { accountId, memberId, role, organizationName, plan, settings } = row;
  const member =
    memberId && role && row.organizationId && organizationName !== null && plan
      ? { memberId, role, organizationId: row.organizationId, organizationName, plan, settings: settings ?? {} }
      : null;
  return { accountId, member };
}
