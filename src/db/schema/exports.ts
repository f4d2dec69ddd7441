import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { EXPORT_STATUSES, type ExportProgress } from '../../domain/exports';
import { mirUsers } from './accounts';
import { ts, inList } from './columns';

/**
 * A person's data export (migration 0025): `progress` commits with each chunk the workflow
 * writes (src/db/queries/export-steps.ts); `size_bytes` is the document's once READY.
 */
export const dataExports = pgTable(
  'data_exports',
  {
    id: text('id').primaryKey(),
    mirUserId: text('mir_user_id').notNull(),
    status: text('status', { enum: EXPORT_STATUSES }).notNull().default('PENDING'),
    progress: jsonb('progress').$type<ExportProgress>().notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    readyAt: ts('ready_at'),
    expiresAt: ts('expires_at'),
    failure: text('failure'),
  },
  (t) => [
    // Written by hand (migration 0025): Postgres named the keys, and its DESC is nulls-first.
    foreignKey({
      name: 'data_exports_mir_user_id_fkey',
      columns: [t.mirUserId],
      foreignColumns: [mirUsers.id],
    }).onDelete('cascade'),
    uniqueIndex('data_exports_pending_idx')
      .on(t.mirUserId)
      .where(sql`${t.status} = 'PENDING'`),
    index('data_exports_user_created_idx').on(t.mirUserId, t.createdAt.desc().nullsFirst()),
    check('data_exports_status_check', sql`${t.status} in (${inList(EXPORT_STATUSES)})`),
  ],
);

/** The document, a page per row, in seq order: the download streams them back one after another. */
export const exportChunks = pgTable(
  'export_chunks',
  {
    exportId: text('export_id').notNull(),
    seq: integer('seq').notNull(),
    data: text('data').notNull(),
  },
  (t) => [
    foreignKey({
      name: 'export_chunks_export_id_fkey',
      columns: [t.exportId],
      foreignColumns: [dataExports.id],
    }).onDelete('cascade'),
    primaryKey({ name: 'export_chunks_pkey', columns: [t.exportId, t.seq] }),
  ],
);
