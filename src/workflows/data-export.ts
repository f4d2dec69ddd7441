import {
  ActivityFailure,
  continueAsNew,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { type DataExportProgress, dataExportProgressQuery } from './messages';

const { writeExportChunks } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  // Each step commits a chunk and heartbeats: a worker that dies mid-batch is noticed within this,
  // and the retry carries on from the export's progress in Postgres.
  heartbeatTimeout: '15 seconds',
  // About a quarter of an hour of failures in a row, then the export is FAILED and the person may
  // ask again (a new export starts over).
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 20 },
});
// Small and must happen: retried until they do.
const { finishExport, expireExport, failExport } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Ids only (`mirUserId` names the run's MirUserId). The rest bounds one activity and one run's history. */
export interface DataExportInput {
  exportId: string;
  mirUserId: string;
  stepsPerActivity?: number;
  activitiesPerRun?: number;
  pageRows?: number;
}

const DEFAULT_STEPS_PER_ACTIVITY = 200;
const DEFAULT_ACTIVITIES_PER_RUN = 500;

/**
 * `data-export:<exportId>`: writes the person's document chunk by chunk (Postgres holds where it
 * stands, so the workflow continues as new at any point), makes it READY (the person is mailed),
 * sleeps until it expires, then removes it. Ends early, doing nothing more, once the export is
 * gone with its account.
 */
export async function dataExportWorkflow(input: DataExportInput): Promise<DataExportProgress> {
  const { exportId } = input;
  const progress: DataExportProgress = { exportId, phase: 'WRITING', stepsThisRun: 0, expiresAt: null };
  setHandler(dataExportProgressQuery, () => progress);
  setCurrentDetails(`export ${exportId}: writing`);
  for (let activities = 0; ; activities += 1) {
    if (activities >= (input.activitiesPerRun ?? DEFAULT_ACTIVITIES_PER_RUN) || workflowInfo().continueAsNewSuggested) {
      return continueAsNew<typeof dataExportWorkflow>(input);
    }
    let batch;
    try {
      batch = await writeExportChunks({
        exportId,
        maxSteps: input.stepsPerActivity ?? DEFAULT_STEPS_PER_ACTIVITY,
        pageRows: input.pageRows,
      });
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      await failExport({ exportId, failure: err.cause?.message ?? err.message });
      progress.phase = 'FAILED';
      return progress;
    }
    progress.stepsThisRun += batch.steps;
    setCurrentDetails(`export ${exportId}: writing, ${progress.stepsThisRun} steps this run`);
    if (batch.gone) {
      progress.phase = 'GONE';
      return progress;
    }
    if (batch.done) break;
  }
  const ready = await finishExport({ exportId });
  if (!ready) {
    progress.phase = 'GONE';
    return progress;
  }
  progress.phase = 'READY';
  progress.expiresAt = ready.expiresAt;
  setCurrentDetails(`export ${exportId}: ready until ${ready.expiresAt}`);
  await sleep(Math.max(0, Date.parse(ready.expiresAt) - Date.now()));
  await expireExport({ exportId });
  progress.phase = 'EXPIRED';
  setCurrentDetails(`export ${exportId}: expired and removed`);
  return progress;
}
