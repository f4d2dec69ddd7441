import { type Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { MirOperation, MirOrgId, NO_ORGANIZATION } from '../workflows/search-attributes';

export const PARTITION_SCHEDULE_ID = 'partition-maintenance';

/**
 * The Temporal Schedule that keeps the months of events and of the decision log ahead and drops
 * those past retention (ADR 0009), daily. Made by the first worker that starts; every worker
 * start then triggers one run at once, so a worker that was down catches up and a retention just
 * changed in its environment applies (the activity reads it there, not from the schedule). Overlap
 * SKIP: a run still going is the one that counts. Its runs' ids are `partition-maintenance-<time>`.
 */
export async function ensurePartitionSchedule(client: Client, opts: { taskQueue: string }): Promise<'created' | 'triggered'> {
  try {
    await client.schedule.create({
      scheduleId: PARTITION_SCHEDULE_ID,
      spec: { intervals: [{ every: '1 day' }] },
      action: {
        type: 'startWorkflow',
        // src/workflows/partition-maintenance.ts
        workflowType: 'partitionMaintenanceWorkflow',
        workflowId: PARTITION_SCHEDULE_ID,
        taskQueue: opts.taskQueue,
        args: [],
        typedSearchAttributes: [
          { key: MirOrgId, value: NO_ORGANIZATION },
          { key: MirOperation, value: 'partition-maintenance' },
        ],
        staticSummary: 'Create the months ahead of events and decisions, drop those past retention',
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
      state: { triggerImmediately: true },
    });
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  await client.schedule.getHandle(PARTITION_SCHEDULE_ID).trigger(ScheduleOverlapPolicy.SKIP);
  return 'triggered';
}
