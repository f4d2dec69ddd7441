import { testEnv } from './env';
import { type NpmProcess, runNpm, terminate, waitForOutput } from './npm-process';

/**
 * `npm run worker` on a task queue of its own, against the test stack's Postgres and Temporal,
 * resolved once it polls. It runs in a process group of its own, so `terminate(worker, 'SIGKILL')`
 * is a real crash: no shutdown, no last heartbeat, nothing left polling under npm.
 */
export async function startWorkerOn(queue: string, extraEnv: Record<string, string> = {}): Promise<NpmProcess> {
  const { databaseUrl, temporalAddress, adminToken, workflowBundle } = testEnv();
  const env = {
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    MIR_ADMIN_TOKEN: adminToken,
    MIR_WORKFLOW_BUNDLE: workflowBundle,
    TEMPORAL_TASK_QUEUE: queue,
    LOG_LEVEL: 'info',
    ...extraEnv,
  };
  const worker = runNpm(['run', 'worker'], env, { ownGroup: true });
  try {
    await waitForOutput(worker, /worker polling/, 120_000);
  } catch (err) {
    await terminate(worker, 'SIGKILL');
    throw err;
  }
  return worker;
}
