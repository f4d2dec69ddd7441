import { Context } from '@temporalio/activity';
import type { Db } from '../db/client';
import { exportStep } from '../db/queries/export-steps';
import { endExport, markExportReady } from '../db/queries/exports';
import { DEFAULT_EXPORT_TTL_SECONDS, type ExportStage } from '../domain/exports';

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
 * A person's data export (data-export workflow), READY for `ttlSeconds` (the worker's
 * MIR_EXPORT_TTL_SECONDS; the default in tests and scripts).
 */
export function createExportActivities(db: Db, ttlSeconds = DEFAULT_EXPORT_TTL_SECONDS) {
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

    /** READY for the TTL; the owner's mail is queued with it (the worker sends it). Null: gone meanwhile. */
    async finishExport(input: { exportId: string }): Promise<{ expiresAt: string } | null> {
      const ready = await markExportReady(db, input.exportId, ttlSeconds);
      return ready ? { expiresAt: ready.expiresAt.toISOString() } : null;
    },

    async expireExport(input: { exportId: string }): Promise<void> {
      await endExport(db, input.exportId, { status: 'EXPIRED' });
    },

    async failExport(input: { exportId: string; failure: string }): Promise<void> {
      await endExport(db, input.exportId, { status: 'FAILED', failure: input.failure });
    },
  };
}
