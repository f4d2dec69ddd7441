import { eq, sql } from 'drizzle-orm';
import { EXPORT_FORMAT, type ExportProgress, type ExportStage } from '../../domain/exports';
import type { Db, Tx } from '../client';
import { dataExports, exportChunks } from '../schema';
import { type PageWritten, START, accessLogPage, auditPage, eventsPage, exportHeader } from './export-sections';

/** Items per page, so per chunk: at most 16 MB of event data (16 KB each), about 300 KB typically. */
export const EXPORT_PAGE_ROWS = 1_000;

type ListStage = Exclude<ExportStage, 'header' | 'done'>;

/** What closes each list of the document, and what comes next. */
const AFTER_LIST: Record<ListStage, { closing: string; next: ExportStage }> = {
  events: { closing: '],"accessLog":[', next: 'accessLog' },
  accessLog: { closing: '],"audit":[', next: 'audit' },
  audit: { closing: ']}', next: 'done' },
};

interface Row {
  id: string;
  mirUserId: string;
  createdAt: Date;
  progress: ExportProgress;
}

async function writeChunk(tx: Tx, exportId: string, seq: number, data: string): Promise<void> {
  await tx
    .insert(exportChunks)
    .values({ exportId, seq, data })
    .onConflictDoUpdate({ target: [exportChunks.exportId, exportChunks.seq], set: { data: sql`excluded.data` } });
}

/**
 * Writes the next piece of the document (the header, or a page of a list and, when the list ends,
 * what closes it) from chunk `nextSeq` on, and answers where the writing then stands; null when
 * the account is gone.
 */
async function writeNext(tx: Tx, row: Row, rows: number): Promise<ExportProgress | null> {
  const p = row.progress;
  let seq = p.nextSeq;
  if (p.stage === 'header') {
    const h = await exportHeader(tx, row.mirUserId);
    if (!h) return null;
    const opening = JSON.stringify({ format: EXPORT_FORMAT, exportId: row.id, createdAt: row.createdAt.toISOString() });
    const text = `${opening.slice(0, -1)},"account":${h.account},"links":${h.links},"memberships":${h.memberships},"credentials":${h.credentials},"events":[`;
    await writeChunk(tx, row.id, seq, text);
    return {
      ...p,
      stage: 'events',
      nextSeq: seq + 1,
      partnerUsers: h.partnerUsers,
      partner: 0,
      items: 0,
      after: START,
    };
  }
  const stage = p.stage as ListStage;
  const query = { mirUserId: row.mirUserId, asOf: row.createdAt, after: p.after ?? START, limit: rows };
  const to = { exportId: row.id, seq, lead: p.items > 0 ? ',' : '' };
  let page: PageWritten = { count: 0, last: null };
  if (stage !== 'events') page = await (stage === 'accessLog' ? accessLogPage : auditPage)(tx, query, to);
  else if (p.partner < p.partnerUsers.length) {
    page = await eventsPage(tx, { ...query, partnerUserId: p.partnerUsers[p.partner]! }, to);
  }
  if (page.count > 0) seq += 1;
  const items = p.items + page.count;
  if (page.last && page.count === rows) return { ...p, nextSeq: seq, items, after: page.last };
  // This list (or this partner's events) is written out.
  if (stage === 'events' && p.partner + 1 < p.partnerUsers.length) {
    return { ...p, nextSeq: seq, items, partner: p.partner + 1, after: START };
  }
  await writeChunk(tx, row.id, seq, AFTER_LIST[stage].closing);
  return { ...p, stage: AFTER_LIST[stage].next, nextSeq: seq + 1, items: 0, after: START };
}

/**
 * Writes the export's next chunks (a page, and what closes its list) and moves its progress, in
 * one transaction holding the export's row: a retried or duplicated step (a worker that lost its
 * heartbeat yet still runs) waits for the other, then reads where it got to, so every chunk is
 * written once and in order. Chunks are upserts by (export, seq): a step done again writes over
 * what it wrote before, never beside it. Answers the stage reached; null when the export is gone
 * (its account was erased) or no longer being written.
 */
export async function exportStep(db: Db, exportId: string, rows = EXPORT_PAGE_ROWS): Promise<ExportStage | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        id: dataExports.id,
        mirUserId: dataExports.mirUserId,
        status: dataExports.status,
        createdAt: dataExports.createdAt,
        progress: dataExports.progress,
      })
      .from(dataExports)
      .where(eq(dataExports.id, exportId))
      .for('update');
    if (!row || row.status !== 'PENDING') return null;
    if (row.progress.stage === 'done') return 'done';
    const progress = await writeNext(tx, row, rows);
    if (!progress) return null;
    await tx.update(dataExports).set({ progress }).where(eq(dataExports.id, exportId));
    return progress.stage;
  });
}
