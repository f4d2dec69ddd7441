import {
  ActivityFailure,
  continueAsNew,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { RegulationSummary } from '../activities/regulations';
import { type RegulationType, deletesData } from '../domain/regulations';
import { type RegulationProgress, regulationProgressQuery } from './messages';

const { regulationBatch } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  // A batch heartbeats after every committed step: a worker that dies mid-batch is noticed within
  // this, and the retry carries on from the regulation's row.
  heartbeatTimeout: '15 seconds',
  // About a quarter of an hour of failures in a row, then the regulation is FAILED (every step is
  // safe to repeat: the partner submits it again).
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 20 },
});
// Recording the outcome is small and must happen: retried until it does.
const { endRegulation } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Ids only. `batchesPerRun` bounds one run's history; `rowsPerBatch` one activity's work. */
export interface RegulationInput {
  regulationId: string;
  organizationId: string;
  regulationType: RegulationType;
  rowsPerBatch?: number;
  batchesPerRun?: number;
}

const DEFAULT_ROWS_PER_BATCH = 100_000;
const DEFAULT_BATCHES_PER_RUN = 500;

/**
 * `regulation:<id>`: a suppression is in force from the API's commit, so only a deletion has work
 * here: links, events, decisions, then the users' totals, batch by batch, continuing as new
 * whenever Temporal suggests it. Null: the regulation went with its organisation.
 */
export async function regulationWorkflow(input: RegulationInput): Promise<RegulationSummary | null> {
  const { regulationId } = input;
  const progress: RegulationProgress = { regulationId, stage: null, rowsThisRun: 0, done: false };
  setHandler(regulationProgressQuery, () => progress);
  if (deletesData(input.regulationType)) {
    setCurrentDetails(`${input.regulationType} regulation ${regulationId} (${input.organizationId}): deleting`);
    const batchesPerRun = input.batchesPerRun ?? DEFAULT_BATCHES_PER_RUN;
    for (let batches = 0; ; batches += 1) {
      if (batches >= batchesPerRun || workflowInfo().continueAsNewSuggested) {
        return continueAsNew<typeof regulationWorkflow>(input);
      }
      let batch;
      try {
        batch = await regulationBatch({ regulationId, maxRows: input.rowsPerBatch ?? DEFAULT_ROWS_PER_BATCH });
      } catch (err) {
        if (!(err instanceof ActivityFailure)) throw err;
        progress.done = true;
        return endRegulation({ regulationId, status: 'FAILED', failure: err.cause?.message ?? err.message });
      }
      progress.stage = batch.stage;
      progress.rowsThisRun += batch.rows;
      setCurrentDetails(
        `${input.regulationType} regulation ${regulationId} (${input.organizationId}): ${batch.stage ?? 'deleting'}, ` +
          `${progress.rowsThisRun} rows this run`,
      );
      if (batch.gone) return null;
      if (batch.done) break;
    }
  }
  progress.done = true;
  return endRegulation({ regulationId, status: 'COMPLETED' });
}
