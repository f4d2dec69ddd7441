import { log, proxyActivities, setCurrentDetails } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { PartitionOutcome } from '../activities/partitions';

// DDL waits at most a second for its locks and gives up (src/db/queries/partitions.ts): it is
// retried, a minute apart at most, until the day's run is done.
const { maintainPartitions } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute' },
});

/**
 * Started daily by the `partition-maintenance` Temporal Schedule (and once when a worker creates
 * it): the months ahead of events and of the decision log exist, rows the DEFAULT partitions
 * caught are in their month, and months past retention are dropped (ADR 0009).
 */
export async function partitionMaintenanceWorkflow(): Promise<PartitionOutcome[]> {
  setCurrentDetails('creating the months ahead and dropping the months past retention');
  const outcome = await maintainPartitions();
  for (const o of outcome) {
    if (o.moved > 0) log.warn('rows were written to a DEFAULT partition: moved to their month', { ...o });
  }
  return outcome;
}
