import { proxyActivities, setCurrentDetails, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { SmokePingResult } from '../activities/smoke';

const { recordSmokePing } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumAttempts: 10 },
});

export interface SmokeWorkflowInput {
  pingId: string;
}

/** The smallest round trip through every part: Temporal server, worker, activity, Postgres. */
export async function smokeWorkflow(input: SmokeWorkflowInput): Promise<SmokePingResult> {
  setCurrentDetails(`diagnostics ${input.pingId}: writing a row through an activity`);
  return recordSmokePing({ pingId: input.pingId, workflowId: workflowInfo().workflowId });
}
