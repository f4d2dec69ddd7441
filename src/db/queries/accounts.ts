import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { newId } from '../../domain/ids';
import type { Executor } from '../client';
import { emailTokens, mirUsers, sessions } from '../schema';
import { lockMemberEmails } from './member-import';

export type MirUser = typeof mirUsers.$inferSelect;

/** Null when the email is taken (the caller answers without saying so to a stranger). */
export async function createMirUser(
  db: Executor,
  params: { email: string; passwordHash: string; tokenHash: string; tokenTtlMs: number },
) {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(mirUsers)
      .values({ id: newId('acct'), email: params.email, passwordHash: params.passwordHash })
      .onConflictDoNothing()
      .returning();
    if (!user) return null;
    await tx
      .insert(emailTokens)
      .values({ tokenHash: params.tokenHash, mirUserId: user.id, expiresAt: new Date(Date.now() + params.tokenTtlMs) });
    return user;
  });
}

/** Uses the token once; returns the user whose email is now verified, or null for a bad, used or expired token. */
export async function useEmailToken(db: Executor, tokenHash: string): Promise<MirUser | null> {
  return db.transaction(async (tx) => {
    const [token] = await tx
      .update(emailTokens)
      .set({ usedAt: sql`now()` })
      .where(
        and(eq(emailTokens.tokenHash, tokenHash), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, sql`now()`)),
      )
      .returning();
    if (!token) return null;
    const [user] = await tx
      .update(mirUsers)
      .set({ emailVerifiedAt: sql`coalesce(${mirUsers.emailVerifiedAt}, now())` })
      .where(eq(mirUsers.id, token.mirUserId))
      .returning();
    // Against a concurrent member import of this address (see lockMemberEmails).
    if (user) await lockMemberEmails(tx, [user.email], 'exclusive');
    return user ?? null;
  });
}

export async function findMirUserByEmail(db: Executor, email: string): Promise<MirUser | null> {
  const [user] = await db.select().from(mirUsers).where(eq(mirUsers.email, email)).limit(1);
  return user ?? null;
}

export async function createSession(db: Executor, params: { tokenHash: string; mirUserId: string; ttlMs: number }) {
  const expiresAt = new Date(Date.now() + params.ttlMs);
  await db.insert(sessions).values({ tokenHash: params.tokenHash, mirUserId: params.mirUserId, expiresAt });
  return expiresAt;
}

/** Read on every request: a logged-out session stops working at once, on every API process. */
export async function findSessionUser(db: Executor, tokenHash: string): Promise<MirUser | null> {
  const [row] = await db
    .select({ user: mirUsers })
    .from(sessions)
    .innerJoin(mirUsers, eq(mirUsers.id, sessions.mirUserId))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)))
    .limit(1);
  return row?.user ?? null;
}

export async function revokeSession(db: Executor, tokenHash: string): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)));
}
