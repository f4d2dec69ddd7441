import path from 'node:path';
import { DefaultLogger, Runtime, Worker, type LogLevel } from '@temporalio/worker';
import type { Logger } from 'pino';
import { createActivities } from '../activities';
import { miraActivityOptions } from '../activities/mira/options';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { connectWorkerConnection } from '../temporal/connection';

export const WORKFLOWS_PATH = path.join(__dirname, '..', 'workflows', 'index.ts');

let runtimeInstalled = false;

/** The SDK's own signal handlers would stop the worker before the rest of the process; we stop it in order. */
export function installRuntime(logger: Logger, metricsAddress?: string): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({
    shutdownSignals: [],
    // The SDK's own worker metrics (polls, task latencies, slots), served at http://<address>/metrics.
    ...(metricsAddress ? { telemetryOptions: { metrics: { prometheus: { bindAddress: metricsAddress } } } } : {}),
    logger: new DefaultLogger('WARN', (entry) => {
      const level = entry.level.toLowerCase() as Lowercase<LogLevel>;
      const method = level === 'trace' ? 'trace' : level;
      logger[method]({ temporal: entry.meta }, entry.message);
    }),
  });
}

export interface RunningWorker {
  shutdown(): Promise<void>;
}

export async function startWorker(opts: {
  config: Config;
  database: Database;
  logger: Logger;
}): Promise<RunningWorker> {
  installRuntime(opts.logger, opts.config.MIR_WORKER_METRICS_ADDRESS);
  const connection = await connectWorkerConnection(opts.config);
  const bundle = opts.config.MIR_WORKFLOW_BUNDLE;
  const worker = await Worker.create({
    connection,
    namespace: opts.config.TEMPORAL_NAMESPACE,
    taskQueue: opts.config.TEMPORAL_TASK_QUEUE,
    ...(bundle ? { workflowBundle: { codePath: bundle } } : { workflowsPath: WORKFLOWS_PATH }),
    activities: createActivities(opts.database.db, miraActivityOptions(opts.config)),
  });
  const running = worker.run();
  running.catch((err: unknown) => opts.logger.fatal({ err }, 'worker stopped unexpectedly'));
  return {
    async shutdown() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => undefined);
      await connection.close();
    },
  };
}
