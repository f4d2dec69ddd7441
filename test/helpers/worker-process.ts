import { WEBHOOK_RETRY_SCHEDULE_FOR_TESTS, testEnv } from './env';
import { type NpmProcess, runNpm, terminate, waitForOutput } from './npm-process';

/**
 * `npm run worker` on a task queue of its own, against the test stack's Postgres and Temporal,
 * returned at once (it is still booting). It runs in a process group of its own, so
 * `terminate(worker, 'SIGKILL')` is a real crash: no shutdown, no last heartbeat, nothing left
 * polling under npm.
 */
export function runWorkerOn(queue: string, extraEnv: Record<string, string> = {}): NpmProcess {
  const { databaseUrl, temporalAddress, adminToken, workflowBundle } = testEnv();
  const env = {
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    MIR_ADMIN_TOKEN: adminToken,
    MIR_WORKFLOW_BUNDLE: workflowBundle,
    TEMPORAL_TASK_QUEUE: queue,
    LOG_LEVEL: 'info',
    // As the stack's worker: its dispatcher gives the deliveries it starts this schedule.
    MIR_WEBHOOK_RETRY_SCHEDULE_MS: WEBHOOK_RETRY_SCHEDULE_FOR_TESTS,
    ...extraEnv,
  };
  return runNpm(['run', 'worker'], env, { ownGroup: true });
}

/** runWorkerOn, resolved once it polls. */
export async function startWorkerOn(queue: string, extraEnv: Record<string, string> = {}): Promise<NpmProcess> {
  const worker = runWorkerOn(queue, extraEnv);
  try {
    await waitForOutput(worker, /worker polling/, 120_000);
  } catch (err) {
    await terminate(worker, 'SIGKILL');
    throw err;
  }
  return worker;
}
