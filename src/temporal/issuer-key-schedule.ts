import { type Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { MirOperation, MirOrgId, NO_ORGANIZATION } from '../workflows/search-attributes';

export const ISSUER_KEY_SCHEDULE_ID = 'issuer-key-rotation';
const DAY_MS = 86_400_000;

// Intervals count from the epoch: an offset of now's remainder makes the first run one whole
// interval after the schedule is made, rather than at any point within the first interval.
const spec = (every: number) => ({ intervals: [{ every, offset: Date.now() % every }] });

/**
 * The Temporal Schedule that rotates the credential issuer's key every `everyDays`
 * (MIR_ISSUER_KEY_ROTATION_DAYS): made by the first worker that starts, left as it is by the
 * next ones (whatever their task queue), its interval changed when a worker's setting differs.
 * Overlap SKIP: its workflow only starts the rotation, which then runs on its own.
 */
export async function ensureIssuerKeyRotationSchedule(
  client: Client,
  opts: { taskQueue: string; everyDays: number },
): Promise<'created' | 'unchanged' | 'updated'> {
  const every = opts.everyDays * DAY_MS;
  try {
    await client.schedule.create({
      scheduleId: ISSUER_KEY_SCHEDULE_ID,
      spec: spec(every),
      action: {
        type: 'startWorkflow',
        // src/workflows/issuer-key-rotation.ts
        workflowType: 'scheduledIssuerKeyRotationWorkflow',
        workflowId: `${ISSUER_KEY_SCHEDULE_ID}-scheduled`,
        taskQueue: opts.taskQueue,
        args: [],
        typedSearchAttributes: [
          { key: MirOrgId, value: NO_ORGANIZATION },
          { key: MirOperation, value: 'issuer-key-rotation' },
        ],
        staticSummary: 'Start the next rotation of the credential issuer key',
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
    });
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  const handle = client.schedule.getHandle(ISSUER_KEY_SCHEDULE_ID);
  const current = await handle.describe();
  if (current.spec.intervals?.length === 1 && current.spec.intervals[0]!.every === every) return 'unchanged';
  await handle.update((previous) => ({ ...previous, spec: spec(every) }));
  return 'updated';
}
