import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { newId } from '../../domain/ids';
import type { Executor } from '../client';
import { type QUEUED_MAIL_KINDS, mailQueue } from '../schema';

export type QueuedMail = typeof mailQueue.$inferSelect;

const later = (ms: number) => sql`now() + make_interval(secs => ${ms / 1000})`;

/** A new mail is left this long to the answer that queued it, which sends it itself. */
export const FIRST_SEND_GRACE_MS = 5_000;

/** In the caller's transaction, so the mail commits (or not) with the change it reports. */
export async function enqueueMail(
  db: Executor,
  mail: { kind: (typeof QUEUED_MAIL_KINDS)[number]; toEmail: string; mirUserId?: string; organizationId?: string },
): Promise<string> {
  const id = newId('mail');
  await db.insert(mailQueue).values({ id, ...mail, nextAttemptAt: later(FIRST_SEND_GRACE_MS) });
  return id;
}

/**
 * Claims up to `limit` mails for `leaseMs`: the due ones, or only `id` if nobody claimed it yet
 * (the answer that queued it). Their next attempt moves that far ahead, so no other sender takes
 * them meanwhile (SKIP LOCKED: parallel claims take different rows), and if this sender dies they
 * are due again when the claim runs out.
 */
export async function claimDueMails(
  db: Executor,
  opts: { id?: string; leaseMs: number; limit: number },
): Promise<QueuedMail[]> {
  const claimable =
    opts.id === undefined
      ? lte(mailQueue.nextAttemptAt, sql`now()`)
      : and(eq(mailQueue.id, opts.id), eq(mailQueue.attempts, 0));
  const due = db
    .select({ id: mailQueue.id })
    .from(mailQueue)
    .where(claimable)
    .orderBy(mailQueue.nextAttemptAt)
    .limit(opts.limit)
    .for('update', { skipLocked: true });
  return db
    .update(mailQueue)
    .set({ attempts: sql`${mailQueue.attempts} + 1`, nextAttemptAt: later(opts.leaseMs) })
    .where(inArray(mailQueue.id, due))
    .returning();
}

export async function deleteQueuedMail(db: Executor, id: string): Promise<void> {
  await db.delete(mailQueue).where(eq(mailQueue.id, id));
}

export async function postponeQueuedMail(db: Executor, id: string, delayMs: number): Promise<void> {
  await db
    .update(mailQueue)
    .set({ nextAttemptAt: later(delayMs) })
    .where(eq(mailQueue.id, id));
}
