import { and, asc, desc, eq, gte, sql } from 'drizzle-orm';
import { INITIAL_PROGRESS } from '../../domain/exports';
import { newId } from '../../domain/ids';
import type { Executor } from '../client';
import { dataExports, exportChunks, mirUsers } from '../schema';
import { enqueueMail } from './mail-queue';
import { queueWorkflowStart } from './workflow-starts';

export type DataExport = typeof dataExports.$inferSelect;

/** The person's export being written, if any (at most one: data_exports_pending_idx). */
export async function pendingExportOf(db: Executor, mirUserId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: dataExports.id })
    .from(dataExports)
    .where(and(eq(dataExports.mirUserId, mirUserId), eq(dataExports.status, 'PENDING')));
  return row?.id ?? null;
}

/**
 * A new PENDING export and the start of its workflow, in the caller's transaction (the outbox
 * starts it once that commits). Null when another request's export got in first: the unique index
 * lets one of two at once insert, the other waits for its commit and finds nothing to insert.
 * The time is cut to milliseconds: it is also the `asOf` the sections compare with, passed as a
 * JavaScript Date.
 */
export async function insertExport(db: Executor, mirUserId: string): Promise<string | null> {
  const [row] = await db
    .insert(dataExports)
    .values({
      id: newId('exp'),
      mirUserId,
      progress: INITIAL_PROGRESS,
      createdAt: sql`date_trunc('milliseconds', now())`,
    })
    .onConflictDoNothing({ target: dataExports.mirUserId, where: sql`status = 'PENDING'` })
    .returning({ id: dataExports.id });
  if (!row) return null;
  await queueWorkflowStart(db, { type: 'dataExportWorkflow', args: { exportId: row.id, mirUserId } });
  return row.id;
}

/** The person's own export by id: another person's, or none, is null alike. */
export async function exportOf(db: Executor, mirUserId: string, exportId: string): Promise<DataExport | null> {
  const [row] = await db
    .select()
    .from(dataExports)
    .where(and(eq(dataExports.id, exportId), eq(dataExports.mirUserId, mirUserId)));
  return row ?? null;
}

/** The person's newest exports, newest first (the account page). */
export async function recentExportsOf(db: Executor, mirUserId: string, limit: number): Promise<DataExport[]> {
  return db
    .select()
    .from(dataExports)
    .where(eq(dataExports.mirUserId, mirUserId))
    .orderBy(desc(dataExports.createdAt))
    .limit(limit);
}

/** Up to `limit` chunks from `fromSeq` on, in order: what the download writes next. */
export async function chunksFrom(db: Executor, exportId: string, fromSeq: number, limit: number) {
  return db
    .select({ seq: exportChunks.seq, data: exportChunks.data })
    .from(exportChunks)
    .where(and(eq(exportChunks.exportId, exportId), gte(exportChunks.seq, fromSeq)))
    .orderBy(asc(exportChunks.seq))
    .limit(limit);
}

/**
 * The written export becomes READY for `ttlSeconds`, its size summed from its chunks, and its
 * owner's mail is queued, all in one transaction. Asked again (a retry after the commit) it
 * answers the same expiry and queues nothing. Null when the export is gone or was never finished.
 */
export async function markExportReady(db: Executor, exportId: string, ttlSeconds: number) {
  return db.transaction(async (tx) => {
    const [ready] = await tx
      .update(dataExports)
      .set({
        status: 'READY',
        readyAt: sql`now()`,
        expiresAt: sql`now() + make_interval(secs => ${ttlSeconds})`,
        sizeBytes: sql`(select coalesce(sum(octet_length(c.data)), 0) from ${exportChunks} c where c.export_id = ${exportId})`,
      })
      .where(
        and(
          eq(dataExports.id, exportId),
          eq(dataExports.status, 'PENDING'),
          sql`${dataExports.progress}->>'stage' = 'done'`,
        ),
      )
      .returning({ mirUserId: dataExports.mirUserId, expiresAt: dataExports.expiresAt });
    if (!ready) {
      const [row] = await tx
        .select({ status: dataExports.status, expiresAt: dataExports.expiresAt })
        .from(dataExports)
        .where(eq(dataExports.id, exportId));
      return row?.status === 'READY' && row.expiresAt ? { expiresAt: row.expiresAt } : null;
    }
    const [user] = await tx.select({ email: mirUsers.email }).from(mirUsers).where(eq(mirUsers.id, ready.mirUserId));
    await enqueueMail(tx, { kind: 'export-ready', toEmail: user!.email, mirUserId: ready.mirUserId });
    return { expiresAt: ready.expiresAt! };
  });
}

/** The file is removed and the export ends EXPIRED (after its time) or FAILED; repeating it changes nothing. */
export async function endExport(
  db: Executor,
  exportId: string,
  end: { status: 'EXPIRED' } | { status: 'FAILED'; failure: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(exportChunks).where(eq(exportChunks.exportId, exportId));
    await tx
      .update(dataExports)
      .set(end.status === 'FAILED' ? { status: 'FAILED', failure: end.failure.slice(0, 2000) } : { status: 'EXPIRED' })
      .where(and(eq(dataExports.id, exportId), eq(dataExports.status, end.status === 'FAILED' ? 'PENDING' : 'READY')));
  });
}
