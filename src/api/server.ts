import { createServer } from 'node:http';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { deriveKey, hashSecret } from '../domain/keys';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import { startTracing } from '../telemetry/tracing';
import { createTemporalClient } from '../temporal/connection';
import { createMailer } from '../mail/mailer';
import { createApp } from './app';
import { ApiMetrics } from './metrics';
import { workflowCallMetrics } from '../temporal/metrics-interceptor';
import { answerClientErrors } from './client-errors';
import { AuthCache } from './auth-cache';
import { NotifiedCache } from '../db/notified-cache';
import { workflowStartsBacklog } from '../db/queries/workflow-starts';
import { type ActionOverrides, POLICY_ACTIONS_CHANNEL } from '../db/queries/policy';
import { DecisionRecorder } from '../services/decision-recorder';
import { AccessLogRecorder } from '../services/access-log-recorder';
import { EventWriter } from '../services/event-writer';
import { WriteGate } from '../services/write-gate';
import { KeyUseRecorder } from '../services/key-use';
import { touchMiraKeyLastUsed } from '../db/queries/mira/keys';
import { LINK_CODE_KEY_PURPOSE } from '../services/link-codes';
import { Passwords } from '../services/passwords';
import { webhookSecretKey } from '../services/webhooks/secrets';

export interface RunningApi {
  url: string;
  close(): Promise<void>;
}

export async function startApi(opts: {
  config: Config;
  database: Database;
  logger: Logger;
  adminToken: string;
}): Promise<RunningApi> {
  const metrics = new ApiMetrics(opts.database.gate ?? null, () => workflowStartsBacklog(opts.database.db));
  const tracing = startTracing(opts.config, 'mir-api');
  const temporal = createTemporalClient(opts.config, [
    workflowCallMetrics((workflow, result) => metrics.workflowCalls.inc({ workflow, result })),
    // Puts the request's trace context in the headers of every start, update and signal.
    ...(tracing ? [new OpenTelemetryWorkflowClientInterceptor()] : []),
  ]);
  const decisions = new DecisionRecorder(
    opts.database.db,
    opts.logger,
    opts.config.MIR_DECISION_BUFFER_MAX,
    metrics,
  );
  const accessLog = new AccessLogRecorder(opts.database.db, opts.logger, {
    retentionDays: opts.config.MIR_ACCESS_LOG_RETENTION_DAYS,
    maxBuffered: opts.config.MIR_ACCESS_LOG_BUFFER_MAX,
  });
  const mailer = createMailer({
    db: opts.database.db,
    logger: opts.logger,
    smtpUrl: opts.config.SMTP_URL,
    from: opts.config.MAIL_FROM,
    timeoutMs: opts.config.MIR_SMTP_TIMEOUT_MS,
  });
  const authCache = new AuthCache(opts.config.MIR_AUTH_CACHE_TTL_MS);
  // Without its listener the cache stays off, which is slower but never stale.
  await authCache
    .listen(opts.database.sql, opts.logger)
    .catch((err: unknown) => opts.logger.warn({ err }, 'auth cache disabled: cannot LISTEN for key changes'));
  const actionCache = new NotifiedCache<ActionOverrides>(POLICY_ACTIONS_CHANNEL, opts.config.MIR_AUTH_CACHE_TTL_MS);
  await actionCache
    .listen(opts.database.sql, opts.logger)
    .catch((err: unknown) => opts.logger.warn({ err }, 'action cache disabled: cannot LISTEN for changes'));
  const bulkWrites = new WriteGate(opts.config.MIR_BULK_WRITE_SLOTS, opts.config.MIR_BULK_QUEUE_EVENTS, 'bulk_queue');
  metrics.watchBulkWrites(bulkWrites);
  const { listener, classes } = createApp({
    authCache,
    keyUse: new KeyUseRecorder(opts.database.db, opts.logger),
    miraKeyUse: new KeyUseRecorder(opts.database.db, opts.logger, touchMiraKeyLastUsed),
    actionCache,
    events: new EventWriter(opts.database.db, opts.config.MIR_EVENT_QUEUE_MAX, metrics),
    bulkWrites,
    metrics,
    mailer,
    decisions,
    accessLog,
    config: opts.config,
    database: opts.database,
    temporal,
    tracing: tracing !== null,
    logger: opts.logger,
    adminTokenHash: hashSecret(opts.adminToken),
    linkCodeKey: deriveKey(opts.adminToken, LINK_CODE_KEY_PURPOSE),
    webhookSecretKey: webhookSecretKey(opts.config, opts.adminToken).key,
    passwords: new Passwords(opts.config.MIR_ARGON2_CONCURRENCY, opts.config.MIR_ARGON2_WAIT_MS),
  });
  // Slow or idle clients cannot hold sockets: bounds on receiving headers and the whole request,
  // and on idle keep-alive connections. Node checks them every connectionsCheckingInterval (30 s
  // by default), so that interval follows the smallest bound.
  const { MIR_HTTP_HEADERS_TIMEOUT_MS: headersMs, MIR_HTTP_REQUEST_TIMEOUT_MS: requestMs } = opts.config;
  const keepAliveMs = opts.config.MIR_HTTP_KEEP_ALIVE_TIMEOUT_MS;
  const server = createServer(
    {
      headersTimeout: headersMs,
      requestTimeout: Math.max(requestMs, headersMs),
      connectionsCheckingInterval: Math.max(100, Math.min(headersMs, requestMs) / 4),
      ...classes,
    },
    listener,
  );
  server.keepAliveTimeout = keepAliveMs;
  answerClientErrors(server, opts.logger);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.config.PORT, opts.config.HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.config.PORT;
  return {
    url: `http://localhost:${port}`,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await decisions.close();
      await accessLog.close();
      await temporal.connection.close();
      await tracing?.spanProcessor.forceFlush();
    },
  };
}
