import { continueAsNew, proxyActivities, setCurrentDetails, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { RevocationSummary } from '../activities/genealogy';
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
  const batchesPerRun = input.batchesPerRun ?? DEFAULT_BATCHES_PER_RUN;
  while (progress.batchesThisRun < batchesPerRun) {
    const batch = await revokeDescendantsBatch({
      operationId: input.operationId,
      maxAgents: input.agentsPerBatch ?? DEFAULT_AGENTS_PER_BATCH,
    });
    progress.batchesThisRun += 1;
    progress.revokedThisRun += batch.revoked;
    setCurrentDetails(`kill switch ${input.operationId} on ${input.rootAgentId}: ${batch.revoked} more revoked`);
    if (batch.done) {
      const summary = await finishRevocation({ operationId: input.operationId });
      progress.done = true;
      return summary;
    }
    if (workflowInfo().continueAsNewSuggested) break;
  }
  return continueAsNew<typeof revokeDescendantsWorkflow>(input);
}
