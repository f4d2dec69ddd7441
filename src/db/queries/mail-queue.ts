import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { newId } from '../../domain/ids';
import type { Executor } from '../client';
import { type QUEUED_MAIL_KINDS, mailQueue } from '../schema';

export type QueuedMail = typeof mailQueue.$inferSelect;

/** The mail dispatchers LISTEN here; the insert trigger (migration 0027) notifies at commit only. */
export const MAIL_QUEUE_CHANNEL = 'mir_mail_queue';

const later = (ms: number) => sql`now() + make_interval(secs => ${ms / 1000})`;

/**
 * In the caller's transaction, so the mail commits (or not) with the change it reports; a worker
 * of the connection's task queue sends it once it has.
 */
export async function enqueueMail(
  db: Executor,
  mail: { kind: (typeof QUEUED_MAIL_KINDS)[number]; toEmail: string; mirUserId?: string; organizationId?: string },
): Promise<string> {
  const id = newId('mail');
  await db.insert(mailQueue).values({ id, ...mail });
  return id;
}

/**
 * Claims up to `limit` due mails of the task queue for `leaseMs`: their next attempt moves that far
 * ahead, so no other sender takes them meanwhile (SKIP LOCKED: parallel claims take different
 * rows), and if this sender dies they are due again when the claim runs out.
 */
export async function claimDueMails(
  db: Executor,
  opts: { taskQueue: string; leaseMs: number; limit: number },
): Promise<QueuedMail[]> {
  const due = db
    .select({ id: mailQueue.id })
    .from(mailQueue)
    .where(and(eq(mailQueue.taskQueue, opts.taskQueue), lte(mailQueue.nextAttemptAt, sql`now()`)))
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
