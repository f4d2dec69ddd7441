import { Context } from '@temporalio/activity';
import type { Db } from '../db/client';
import { REGULATION_CHUNK_ROWS, regulationStep } from '../db/queries/regulation-steps';
import { type RegulationSummary, endRegulation } from '../db/queries/regulation-end';
import type { DeletionStage } from '../domain/regulations';

export type { RegulationSummary };

function heartbeat(details: unknown): void {
  // Also callable outside a worker (tests, scripts), where there is nothing to heartbeat to.
  try {
    Context.current().heartbeat(details);
  } catch {
    /* not in an activity */
  }
}

export interface RegulationBatch {
  rows: number;
  done: boolean;
  /** The regulation is gone (its organisation was deleted): nothing left to do or to record. */
  gone: boolean;
  stage: DeletionStage | null;
}

/**
 * A partner regulation's deletion (regulation workflow). The mails a step queues (a link ended)
 * are sent by the worker's mail dispatcher once the step commits.
 */
export function createRegulationActivities(db: Db) {
  return {
    /**
     * Up to `maxRows` rows in committed steps, heartbeating after each, so a worker killed midway
     * loses at most one uncommitted step and the retry resumes from the regulation's row.
     */
    async regulationBatch(input: { regulationId: string; maxRows: number }): Promise<RegulationBatch> {
      let rows = 0;
      let stage: DeletionStage | null = null;
      while (rows < input.maxRows) {
        const step = await regulationStep(
          db,
          input.regulationId,
          Math.min(REGULATION_CHUNK_ROWS, input.maxRows - rows),
        );
        if (!step) return { rows, done: true, gone: true, stage };
        rows += step.rows;
        stage = step.stage ?? stage;
        heartbeat({ rows, stage });
        if (step.done) return { rows, done: true, gone: false, stage };
      }
      return { rows, done: false, gone: false, stage };
    },

    async endRegulation(
      input: { regulationId: string } & ({ status: 'COMPLETED' } | { status: 'FAILED'; failure: string }),
    ): Promise<RegulationSummary | null> {
      const { regulationId, ...outcome } = input;
      return endRegulation(db, regulationId, outcome);
    },
  };
}
