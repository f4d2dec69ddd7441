import { existsSync } from 'node:fs';
import path from 'node:path';
import { DefaultLogger, Runtime, Worker, type LogLevel } from '@temporalio/worker';
import type { Logger } from 'pino';
import {
  OpenTelemetryActivityInboundInterceptor,
  makeWorkflowExporter,
} from '@temporalio/interceptors-opentelemetry/lib/worker';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import { createActivities } from '../activities';
import { createMailer } from '../mail/mailer';
import { miraActivityOptions } from '../activities/mira/options';
import { type Tracing, startTracing } from '../telemetry/tracing';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { resolveAdminToken } from '../admin-token';
import { webhookDeliveryOptions } from '../services/webhooks/options';
import { webhookSecretKey } from '../services/webhooks/secrets';
import { connectWorkerConnection, createTemporalClient } from '../temporal/connection';
import { WorkflowStartDispatcher } from './workflow-start-dispatcher';
import { MailDispatcher } from './mail-dispatcher';
import { missingSearchAttributes } from '../temporal/client';
import { ensurePartitionSchedule } from '../temporal/partition-schedule';
import { registerSearchAttributesCommand } from '../workflows/search-attributes';
import { ensureIssuerKeyRotationSchedule } from '../temporal/issuer-key-schedule';

/** index.ts under tsx, index.js once compiled by `npm run build`. */
export const WORKFLOWS_PATH = path.join(__dirname, '..', 'workflows', `index${path.extname(__filename)}`);

/**
 * The bundle `npm run build` prebuilt (dist/workflow-bundle.js), when this is the compiled worker:
 * it starts without bundling the workflows anew. MIR_WORKFLOW_BUNDLE still wins.
 */
function prebuiltBundle(): string | undefined {
  const built = path.join(__dirname, '..', '..', 'workflow-bundle.js');
  return path.extname(__filename) === '.js' && existsSync(built) ? built : undefined;
}

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

export class MissingSearchAttributesError extends Error {}

/**
 * Every workflow start sets the MIR search attributes, and Temporal refuses a start whose
 * attributes the namespace does not know: without them the worker would poll and nothing could
 * start. The embedded dev server registers them itself; an external Temporal needs them once.
 */
async function requireSearchAttributes(
  connection: Awaited<ReturnType<typeof connectWorkerConnection>>,
  namespace: string,
  logger: Logger,
): Promise<void> {
  let missing: string[];
  try {
    missing = await missingSearchAttributes(connection, namespace);
  } catch (err) {
    // A key without operator rights (Temporal Cloud) cannot list them: say so, and carry on.
    logger.warn({ err, namespace }, 'could not check the search attributes; workflow starts fail if any is missing');
    return;
  }
  if (missing.length === 0) return;
  throw new MissingSearchAttributesError(
    `Temporal namespace ${namespace} lacks the search attributes ${missing.join(', ')}; register them once with:
` + registerSearchAttributesCommand(namespace, missing),
  );
}

/** The API's mailer, for the mail queue this worker sends (mailDispatcher). */
function mailerOf(opts: { config: Config; database: Database; logger: Logger }) {
  const { config } = opts;
  return createMailer({
    db: opts.database.db,
    logger: opts.logger,
    smtpUrl: config.SMTP_URL,
    from: config.MAIL_FROM,
    timeoutMs: config.MIR_SMTP_TIMEOUT_MS,
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
  const connection = await connectWorkerConnection(opts.config);
  try {
    await requireSearchAttributes(connection, opts.config.TEMPORAL_NAMESPACE, opts.logger);
  } catch (err) {
    await connection.close();
    throw err;
  }
  const bundle = opts.config.MIR_WORKFLOW_BUNDLE ?? prebuiltBundle();
  const tracing = startTracing(opts.config, 'mir-worker');
  if (tracing && bundle) {
    opts.logger.warn('MIR_WORKFLOW_BUNDLE is set: workflow spans need its bundle built with the tracing interceptors');
  }
  const worker = await Worker.create({
    ...(tracing ? tracingOptions(tracing) : {}),
    connection,
    namespace: opts.config.TEMPORAL_NAMESPACE,
    taskQueue: opts.config.TEMPORAL_TASK_QUEUE,
    ...(bundle ? { workflowBundle: { codePath: bundle } } : { workflowsPath: WORKFLOWS_PATH }),
    activities: createActivities(opts.database.db, {
      webhooks: webhookDeliveryOptions(opts.config, adminToken),
      mira: miraActivityOptions(opts.config),
      exportTtlSeconds: opts.config.MIR_EXPORT_TTL_SECONDS,
      issuerKeys: {
        webhookSecretKey: webhookSecretKey(opts.config, adminToken).key,
        prepublishSeconds: opts.config.MIR_ISSUER_KEY_PREPUBLISH_SECONDS,
      },
      partitions: {
        decisionRetentionDays: opts.config.MIR_DECISION_RETENTION_DAYS,
        eventRetentionDays: opts.config.MIR_EVENT_RETENTION_DAYS,
      },
    }),
  });
  const running = worker.run();
  running.catch((err: unknown) => opts.logger.fatal({ err }, 'worker stopped unexpectedly'));
  // Starts carry the trace of the request that queued them (the row keeps its context).
  const temporal = createTemporalClient(opts.config, tracing ? [new OpenTelemetryWorkflowClientInterceptor()] : []);
  const dispatcher = new WorkflowStartDispatcher({
    database: opts.database,
    temporal,
    logger: opts.logger,
    settings: {
      taskQueue: opts.config.TEMPORAL_TASK_QUEUE,
      webhookRetryScheduleMs: opts.config.MIR_WEBHOOK_RETRY_SCHEDULE_MS,
    },
    sweepMs: opts.config.MIR_WORKFLOW_START_SWEEP_MS,
    callTimeoutMs: opts.config.MIR_TEMPORAL_CALL_TIMEOUT_MS,
  });
  await dispatcher.start();
  const mails = new MailDispatcher(
    { database: opts.database, config: opts.config, logger: opts.logger, mailer: mailerOf(opts) },
    opts.config.TEMPORAL_TASK_QUEUE,
  );
  await mails.start();
  // Every worker makes sure it exists; without it the key rotates only when an operator asks.
  await ensureIssuerKeyRotationSchedule(temporal, {
    taskQueue: opts.config.TEMPORAL_TASK_QUEUE,
    everyDays: opts.config.MIR_ISSUER_KEY_ROTATION_DAYS,
  }).then(
    (schedule) => opts.logger.info({ schedule }, 'issuer key rotation schedule checked'),
    (err: unknown) => opts.logger.error({ err }, 'could not create the issuer key rotation schedule'),
  );
  // The migration made the first months and a DEFAULT partition catches any row without one: a
  // failure here loses nothing, and the next worker start or daily run tries again.
  await ensurePartitionSchedule(temporal, { taskQueue: opts.config.TEMPORAL_TASK_QUEUE }).catch((err: unknown) =>
    opts.logger.error({ err }, 'could not create or trigger the partition-maintenance schedule'),
  );
  return {
    async shutdown() {
      await Promise.all([dispatcher.stop(), mails.stop()]);
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => undefined);
      await temporal.connection.close();
      await connection.close();
      await tracing?.spanProcessor.forceFlush();
    },
  };
}

/** Workflow spans leave the sandbox through a sink; activities continue the workflow's trace. */
function tracingOptions(tracing: Tracing) {
  return {
    sinks: { exporter: makeWorkflowExporter(tracing.spanProcessor, tracing.resource) },
    interceptors: {
      workflowModules: [require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors')],
      activity: [
        (ctx: ConstructorParameters<typeof OpenTelemetryActivityInboundInterceptor>[0]) => ({
          inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
        }),
      ],
    },
  };
}
