import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { newId } from '../../domain/ids';
import type { Executor } from '../client';
import { emailTokens, mirUsers, sessions } from '../schema';
import { enqueueMail } from './mail-queue';
import { lockMemberEmails } from './member-import';
import { queueWorkflowStart } from './workflow-starts';

export type MirUser = typeof mirUsers.$inferSelect;

/**
 * A verified address's member invites are claimed by the memberAutoLink workflow; its start
 * commits with the verification (the outbox), so no verification is left without it.
 */
export function queueMemberAutoLink(tx: Executor, mirUserId: string): Promise<void> {
  return queueWorkflowStart(tx, { type: 'memberAutoLinkWorkflow', args: { mirUserId } });
}

/**
 * The account and its queued verification mail, committed together: no account is left without
 * its mail by a crash. Null when the email is taken (the caller answers without saying so to a stranger).
 */
export async function createMirUser(db: Executor, params: { email: string; passwordHash: string }) {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(mirUsers)
      .values({ id: newId('acct'), email: params.email, passwordHash: params.passwordHash })
      .onConflictDoNothing()
      .returning();
    if (!user) return null;
    await enqueueMail(tx, { kind: 'verify-email', toEmail: user.email, mirUserId: user.id });
    return { user };
  });
}

/**
 * Uses the token once; returns the user whose email is now verified, or null for a bad, used or
 * expired token. Every session of the account ends with it, but `keepSessionHash` (the one the
 * verification was made in, if any): whoever else was logged in to it was so before the owner of
 * the address proved it, and must log in again.
 */
/** The account an unused, unexpired verification token belongs to; the token is not used up. */
export async function findEmailTokenAccount(db: Executor, tokenHash: string) {
  const [row] = await db
    .select({ mirUserId: mirUsers.id, email: mirUsers.email, passwordHash: mirUsers.passwordHash })
    .from(emailTokens)
    .innerJoin(mirUsers, eq(mirUsers.id, emailTokens.mirUserId))
    .where(and(eq(emailTokens.tokenHash, tokenHash), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, sql`now()`)))
    .limit(1);
  return row ?? null;
}

export async function useEmailToken(
  db: Executor,
  tokenHash: string,
  keepSessionHash: string | null = null,
): Promise<MirUser | null> {
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
    if (!user) return null;
    await revokeSessionsOf(tx, user.id, keepSessionHash);
    // Against a concurrent member import of this address (see lockMemberEmails).
    await lockMemberEmails(tx, [user.email], 'exclusive');
    await queueMemberAutoLink(tx, user.id);
    return user;
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

/** Ends every live session of the person, but `except` (a session hash) when given. */
export async function revokeSessionsOf(db: Executor, mirUserId: string, except: string | null = null): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(sessions.mirUserId, mirUserId),
        isNull(sessions.revokedAt),
        except === null ? undefined : ne(sessions.tokenHash, except),
      ),
    );
}

/** A further verification token for the person (the earlier ones stay valid until they expire). */
export async function addEmailToken(db: Executor, params: { mirUserId: string; tokenHash: string; ttlMs: number }) {
  await db.insert(emailTokens).values({
    tokenHash: params.tokenHash,
    mirUserId: params.mirUserId,
    expiresAt: new Date(Date.now() + params.ttlMs),
  });
}
