import { continueAsNew, proxyActivities, setCurrentDetails, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { RevocationSummary } from '../activities/kill-switch';
import { type RevocationProgress, revocationProgressQuery } from './messages';

const { revokeDescendantsBatch, finishRevocation } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  // A batch heartbeats after every committed chunk: a worker that dies mid-batch is noticed
  // within this, and the retry carries on from what is still unrevoked.
  heartbeatTimeout: '15 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/** Ids only. `batchesPerRun` bounds one run's history; the default keeps it far below the limits. */
export interface RevokeDescendantsInput {
  operationId: string;
  organizationId: string;
  rootAgentId: string;
  /** Agents the switch covers, for the progress line (absent in runs started before it was passed). */
  total?: number;
  batchesPerRun?: number;
  agentsPerBatch?: number;
}

const DEFAULT_BATCHES_PER_RUN = 500;
const DEFAULT_AGENTS_PER_BATCH = 2_000;

/**
 * `revoke-descendants:<agentId>:<operationId>`: auth already refuses the whole subtree (the API
 * pulled the kill switch before starting this); this records each revocation, batch by batch,
 * then the agent itself, and continues as new whenever Temporal suggests it.
 */
export async function revokeDescendantsWorkflow(input: RevokeDescendantsInput): Promise<RevocationSummary> {
  const progress: RevocationProgress = {
    operationId: input.operationId,
    revokedThisRun: 0,
    batchesThisRun: 0,
    done: false,
  };
  setHandler(revocationProgressQuery, () => progress);
  setCurrentDetails(progressLine(input, null));
  const batchesPerRun = input.batchesPerRun ?? DEFAULT_BATCHES_PER_RUN;
  while (progress.batchesThisRun < batchesPerRun) {
    const batch = await revokeDescendantsBatch({
      operationId: input.operationId,
      maxAgents: input.agentsPerBatch ?? DEFAULT_AGENTS_PER_BATCH,
    });
    progress.batchesThisRun += 1;
    progress.revokedThisRun += batch.revoked;
    setCurrentDetails(progressLine(input, batch.revokedSoFar ?? progress.revokedThisRun));
    if (batch.done) {
      const summary = await finishRevocation({ operationId: input.operationId });
      progress.done = true;
      return summary;
    }
    if (workflowInfo().continueAsNewSuggested) break;
  }
  return continueAsNew<typeof revokeDescendantsWorkflow>(input);
}

/** "12,345": Intl is not something to lean on inside the workflow sandbox. */
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function progressLine(input: RevokeDescendantsInput, revoked: number | null): string {
  const of = input.total === undefined ? '' : ` of ${thousands(input.total)}`;
  const where = `kill switch ${input.operationId} on ${input.rootAgentId} (${input.organizationId})`;
  return revoked === null ? `${where}: revoking${of}` : `${where}: revoked ${thousands(revoked)}${of}`;
}
