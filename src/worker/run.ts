import path from 'node:path';
import { DefaultLogger, Runtime, Worker, type LogLevel } from '@temporalio/worker';
import type { Logger } from 'pino';
import { createActivities } from '../activities';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { resolveAdminToken } from '../admin-token';
import { setWebhookTaskQueue } from '../db/queries/webhook-events';
import { webhookDeliveryOptions } from '../services/webhooks/options';
import { webhookSecretKey } from '../services/webhooks/secrets';
import { connectWorkerConnection, createTemporalClient } from '../temporal/connection';
import { WebhookDispatcher } from './webhook-dispatcher';

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
  const adminToken = resolveAdminToken(opts.config).token;
  if (webhookSecretKey(opts.config, adminToken).derived) {
    opts.logger.warn('MIR_WEBHOOK_SECRET_KEY is not set: webhook secrets use a key derived from the admin token');
  }
  // Webhook deliveries of changes this process writes (activities) run on its own queue.
  setWebhookTaskQueue(opts.config.TEMPORAL_TASK_QUEUE);
  const connection = await connectWorkerConnection(opts.config);
  const bundle = opts.config.MIR_WORKFLOW_BUNDLE;
  const worker = await Worker.create({
    connection,
    namespace: opts.config.TEMPORAL_NAMESPACE,
    taskQueue: opts.config.TEMPORAL_TASK_QUEUE,
    ...(bundle ? { workflowBundle: { codePath: bundle } } : { workflowsPath: WORKFLOWS_PATH }),
    activities: createActivities(opts.database.db, webhookDeliveryOptions(opts.config, adminToken)),
  });
  const running = worker.run();
  running.catch((err: unknown) => opts.logger.fatal({ err }, 'worker stopped unexpectedly'));
  const temporal = createTemporalClient(opts.config);
  const dispatcher = new WebhookDispatcher({
    database: opts.database,
    temporal,
    logger: opts.logger,
    taskQueue: opts.config.TEMPORAL_TASK_QUEUE,
    retryScheduleMs: opts.config.MIR_WEBHOOK_RETRY_SCHEDULE_MS,
    intervalMs: opts.config.MIR_WEBHOOK_DISPATCH_INTERVAL_MS,
  });
  await dispatcher.start();
  return {
    async shutdown() {
      await dispatcher.stop();
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => undefined);
      await temporal.connection.close();
      await connection.close();
    },
  };
}
