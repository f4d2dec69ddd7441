/**
 * A person's export of what MIR holds about them (docs/data-rights.md, "Export"): PENDING while
 * its workflow writes the document, READY to download until it expires, EXPIRED once its file is
 * removed (or its time is up), FAILED when the workflow gave up (the person may ask again).
 */
export const EXPORT_STATUSES = ['PENDING', 'READY', 'EXPIRED', 'FAILED'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** The document's `format`: a reader can tell what it reads. */
export const EXPORT_FORMAT = 'mir-data-export/1';

/** How long a READY export may be downloaded, unless MIR_EXPORT_TTL_SECONDS says otherwise. */
export const DEFAULT_EXPORT_TTL_SECONDS = 7 * 24 * 3600;

/** New exports a person may ask for per day: each is a file in Postgres for days. */
export const EXPORTS_PER_DAY = 5;

/**
 * Where the workflow's writing stands, committed with each chunk it writes: a retried step reads
 * it and carries on, so no chunk is written twice or skipped. Sections in document order.
 */
export const EXPORT_STAGES = ['header', 'events', 'accessLog', 'audit', 'done'] as const;
export type ExportStage = (typeof EXPORT_STAGES)[number];

/** A keyset position: the (time, id) of the last item written; time as Postgres' microseconds text. */
export interface ExportAfter {
  at: string;
  id: string;
}

export interface ExportProgress {
  stage: ExportStage;
  /** The seq the next chunk gets. */
  nextSeq: number;
  /** Items written in the current section: a comma goes before every one but the first. */
  items: number;
  /** The partner users whose events are exported (the links live when the header was written). */
  partnerUsers: string[];
  /** Index into partnerUsers of the one being written. */
  partner: number;
  after: ExportAfter | null;
}

export const INITIAL_PROGRESS: ExportProgress = {
  stage: 'header',
  nextSeq: 0,
  items: 0,
  partnerUsers: [],
  partner: 0,
  after: null,
};

/** The status a person sees: a READY export past its time is EXPIRED even before its file is removed. */
export function visibleStatus(status: ExportStatus, expiresAt: Date | null, now: Date): ExportStatus {
  return status === 'READY' && expiresAt !== null && expiresAt.getTime() <= now.getTime() ? 'EXPIRED' : status;
}
