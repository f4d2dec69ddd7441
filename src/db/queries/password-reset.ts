import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { mirUsers, passwordResetTokens } from '../schema';
import { type MirUser, queueMemberAutoLink, revokeSessionsOf } from './accounts';
import { lockMemberEmails } from './member-import';

export async function insertPasswordResetToken(
  db: Executor,
  params: { tokenHash: string; mirUserId: string; ttlMs: number },
): Promise<void> {
  await db.insert(passwordResetTokens).values({
    tokenHash: params.tokenHash,
    mirUserId: params.mirUserId,
    expiresAt: new Date(Date.now() + params.ttlMs),
  });
}

const usable = (tokenHash: string) =>
  and(
    eq(passwordResetTokens.tokenHash, tokenHash),
    isNull(passwordResetTokens.usedAt),
    gt(passwordResetTokens.expiresAt, sql`now()`),
  );

/** Whether the token could be used now: checked before argon2 runs, so garbage tokens cost nothing. */
export async function passwordResetTokenUsable(db: Executor, tokenHash: string): Promise<boolean> {
  const [row] = await db
    .select({ tokenHash: passwordResetTokens.tokenHash })
    .from(passwordResetTokens)
    .where(usable(tokenHash))
    .limit(1);
  return row !== undefined;
}

/**
 * Uses the token once and sets the new password hash, in one transaction that also spends the
 * person's other reset tokens and ends every session. Null for an unknown, used or expired token.
 */
export async function resetPassword(db: Executor, tokenHash: string, passwordHash: string): Promise<MirUser | null> {
  return db.transaction(async (tx) => {
    const [token] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: sql`now()` })
      .where(usable(tokenHash))
      .returning();
    if (!token) return null;
    // The mailed token proves the mailbox, and the person now holds the only password: verified.
    const [user] = await tx
      .update(mirUsers)
      .set({ passwordHash, emailVerifiedAt: sql`coalesce(${mirUsers.emailVerifiedAt}, now())` })
      .where(eq(mirUsers.id, token.mirUserId))
      .returning();
    if (!user) return null;
    await tx
      .update(passwordResetTokens)
      .set({ usedAt: sql`now()` })
      .where(and(eq(passwordResetTokens.mirUserId, user.id), isNull(passwordResetTokens.usedAt)));
    await revokeSessionsOf(tx, user.id);
    // Against a concurrent member import of this address, as at verification (see lockMemberEmails).
    await lockMemberEmails(tx, [user.email], 'exclusive');
    // The reset verified the address: member invites waiting for it are claimed now.
    await queueMemberAutoLink(tx, user.id);
    return user;
  });
}
