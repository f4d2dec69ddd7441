import { and, eq, isNull } from 'drizzle-orm';
import type { Role } from '../../domain/roles';
import { ApiError } from '../../domain/errors';
import type { Executor } from '../client';
import { mirUsers, orgMembers } from '../schema';
import { type AuditActor, writeAudit } from './audit';

const currentIn = (organizationId: string) =>
  and(eq(orgMembers.organizationId, organizationId), isNull(orgMembers.endedAt));

/**
 * Locks every current OWNER of the organisation (FOR UPDATE, in id order), first thing in a
 * transaction that may take OWNER from someone: two such changes at once queue here, and the
 * second re-reads the rows the first changed, so it sees one OWNER fewer. Locking them before
 * the member's own row keeps one lock order, so two changes never deadlock.
 */
export async function lockOwners(tx: Executor, organizationId: string): Promise<string[]> {
  const owners = await tx
    .select({ id: orgMembers.id })
    .from(orgMembers)
    .where(and(currentIn(organizationId), eq(orgMembers.role, 'OWNER')))
    .orderBy(orgMembers.id)
    .for('update');
  return owners.map((o) => o.id);
}

/** 409 `last_owner` when `memberId` is the only OWNER in `owners` (from lockOwners). */
export function assertAnotherOwner(owners: readonly string[], memberId: string): void {
  if (owners.includes(memberId) && owners.every((id) => id === memberId)) {
    throw new ApiError('last_owner', 'This is the organization’s last OWNER: make someone else OWNER first', {
      memberId,
    });
  }
}

/** Changes a current member's role, with its audit entry; null when the organisation has no such member. */
export async function changeMemberRole(
  db: Executor,
  params: { organizationId: string; memberId: string; role: Role; actor: AuditActor; requestId: string | null },
) {
  return db.transaction(async (tx) => {
    const owners = await lockOwners(tx, params.organizationId);
    const [before] = await tx
      .select({ id: orgMembers.id, role: orgMembers.role })
      .from(orgMembers)
      .where(and(currentIn(params.organizationId), eq(orgMembers.id, params.memberId)))
      .for('update');
    if (!before) return null;
    if (params.role !== 'OWNER') assertAnotherOwner(owners, before.id);
    if (before.role !== params.role) {
      await tx.update(orgMembers).set({ role: params.role }).where(eq(orgMembers.id, before.id));
      await writeAudit(tx, {
        organizationId: params.organizationId,
        actor: params.actor,
        action: 'member.role_changed',
        targetType: 'org_member',
        targetId: before.id,
        details: { from: before.role, to: params.role },
        requestId: params.requestId,
      });
    }
    const [member] = await tx
      .select({
        id: orgMembers.id,
        email: mirUsers.email,
        role: orgMembers.role,
        inviteId: orgMembers.inviteId,
        createdAt: orgMembers.createdAt,
      })
      .from(orgMembers)
      .innerJoin(mirUsers, eq(mirUsers.id, orgMembers.mirUserId))
      .where(eq(orgMembers.id, before.id));
    return member ?? null;
  });
}
