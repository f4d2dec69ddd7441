import type { Executor } from '../db/client';
import { type DataExport, exportOf, insertExport, pendingExportOf } from '../db/queries/exports';
import { ApiError } from '../domain/errors';
import { EXPORTS_PER_DAY, type ExportStatus, visibleStatus } from '../domain/exports';
import { hashSecret } from '../domain/keys';
import { admitAttempt } from './throttle';

/** Per account, by the account id's hash: the counters table is no list of who exported. */
const exportRule = (mirUserId: string) => ({
  scope: `export:account:${hashSecret(mirUserId)}`,
  limit: EXPORTS_PER_DAY,
  windowSeconds: 24 * 3600,
});

/**
 * The person's export: the one being written if there is one (one at a time), else a new one,
 * its workflow started through the outbox when the caller's transaction commits. Two requests at
 * once answer the same export; only a new export counts toward EXPORTS_PER_DAY (429 past it).
 */
export async function requestExport(db: Executor, mirUserId: string): Promise<string> {
  return db.transaction(async (tx) => {
    const pending = await pendingExportOf(tx, mirUserId);
    if (pending) return pending;
    const admitted = await admitAttempt(tx, [exportRule(mirUserId)], 'Too many data exports today');
    const created = await insertExport(tx, mirUserId);
    if (created) return created;
    // Another request's export committed first: that one is the answer, and this one made nothing.
    await admitted.refund();
    const theirs = await pendingExportOf(tx, mirUserId);
    if (!theirs) throw new ApiError('invalid_state', 'Another export was being started; try again');
    return theirs;
  });
}

export interface ExportView {
  exportId: string;
  status: ExportStatus;
  createdAt: string;
  readyAt: string | null;
  expiresAt: string | null;
  size: number | null;
}

export function exportView(row: DataExport, now = new Date()): ExportView {
  const status = visibleStatus(row.status, row.expiresAt, now);
  return {
    exportId: row.id,
    status,
    createdAt: row.createdAt.toISOString(),
    readyAt: row.readyAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    size: status === 'READY' ? row.sizeBytes : null,
  };
}

const notFound = () => new ApiError('not_found', 'Export not found');

/** The person's own export; another person's answers exactly as an id that never existed. */
export async function ownExport(db: Executor, mirUserId: string, exportId: string): Promise<DataExport> {
  const row = await exportOf(db, mirUserId, exportId);
  if (!row) throw notFound();
  return row;
}

/** The export if its document can be downloaded now: 409 while written or failed, 410 once expired. */
export async function downloadableExport(db: Executor, mirUserId: string, exportId: string) {
  const row = await ownExport(db, mirUserId, exportId);
  const status = visibleStatus(row.status, row.expiresAt, new Date());
  if (status === 'EXPIRED') {
    throw new ApiError('export_expired', 'This export has expired and its file is deleted; ask for a new one');
  }
  if (status !== 'READY') {
    const why = status === 'PENDING' ? 'is still being written' : 'failed; ask for a new one';
    throw new ApiError('invalid_state', `This export ${why}`, { status });
  }
  return { id: row.id, size: row.sizeBytes ?? 0 };
}
