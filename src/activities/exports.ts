import { Context } from '@temporalio/activity';
import type { Db } from '../db/client';
import { exportStep } from '../db/queries/export-steps';
import { endExport, markExportReady } from '../db/queries/exports';
import { DEFAULT_EXPORT_TTL_SECONDS, type ExportStage } from '../domain/exports';
import { type MailQueueDeps, sendQueuedMails } from '../services/mail-queue';

function heartbeat(details: unknown): void {
  // Also callable outside a worker (tests, scripts), where there is nothing to heartbeat to.
  try {
    Context.current().heartbeat(details);
  } catch {
    /* not in an activity */
  }
}

export interface ExportBatch {
  /** The document is written out (the last chunk committed). */
  done: boolean;
  /** The export is gone (its account was erased) or no longer being written: nothing left to do. */
  gone: boolean;
  /** Steps taken: each wrote at most one chunk. */
  steps: number;
}

/**
 * A person's data export (data-export workflow). `deps`: the worker's mail queue and config (the
 * TTL, MIR_EXPORT_TTL_SECONDS); without them (tests, scripts) the TTL is the default and the API's
 * sweep of the mail queue sends the ready mail.
 */
export function createExportActivities(db: Db, deps?: MailQueueDeps) {
  const ttlSeconds = deps?.config.MIR_EXPORT_TTL_SECONDS ?? DEFAULT_EXPORT_TTL_SECONDS;
  return {
    /**
     * Up to `maxSteps` steps, each committing a chunk, heartbeating after each: a worker killed
     * midway loses at most one uncommitted step, and the retry resumes from the export's progress.
     */
    async writeExportChunks(input: { exportId: string; maxSteps: number; pageRows?: number }): Promise<ExportBatch> {
      for (let steps = 0; steps < input.maxSteps;) {
        const stage: ExportStage | null = await exportStep(db, input.exportId, input.pageRows);
        if (stage === null) return { done: false, gone: true, steps };
        steps += 1;
        heartbeat({ steps, stage });
        if (stage === 'done') return { done: true, gone: false, steps };
      }
      return { done: false, gone: false, steps: input.maxSteps };
    },

    /** READY for the TTL; the owner's mail is queued with it and sent at once. Null: gone meanwhile. */
    async finishExport(input: { exportId: string }): Promise<{ expiresAt: string } | null> {
      const ready = await markExportReady(db, input.exportId, ttlSeconds);
      if (!ready) return null;
      // After the commit: the mail is queued whatever happens to this send.
      if (ready.mailId && deps) await sendQueuedMails(deps, ready.mailId);
      return { expiresAt: ready.expiresAt.toISOString() };
    },

    async expireExport(input: { exportId: string }): Promise<void> {
      await endExport(db, input.exportId, { status: 'EXPIRED' });
    },

    async failExport(input: { exportId: string; failure: string }): Promise<void> {
      await endExport(db, input.exportId, { status: 'FAILED', failure: input.failure });
    },
  };
}
