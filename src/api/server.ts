import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { deriveKey, hashSecret } from '../domain/keys';
import { createTemporalClient } from '../temporal/connection';
import { createMailer } from '../mail/mailer';
import { createApp } from './app';
import { AuthCache } from './auth-cache';
import { DecisionRecorder } from './decision-recorder';
import { EventWriter } from './event-writer';
import { LINK_CODE_KEY_PURPOSE } from './link-codes';

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
  const temporal = createTemporalClient(opts.config);
  const decisions = new DecisionRecorder(opts.database.db, opts.logger, opts.config.MIR_DECISION_RETENTION_DAYS);
  const mailer = createMailer({
    db: opts.database.db,
    logger: opts.logger,
    smtpUrl: opts.config.SMTP_URL,
    from: opts.config.MAIL_FROM,
  });
  const authCache = new AuthCache(opts.config.MIR_AUTH_CACHE_TTL_MS);
  // Without its listener the cache stays off, which is slower but never stale.
  await authCache
    .listen(opts.database.sql, opts.logger)
    .catch((err: unknown) => opts.logger.warn({ err }, 'auth cache disabled: cannot LISTEN for key changes'));
  const app = createApp({
    authCache,
    events: new EventWriter(opts.database.db),
    mailer,
    decisions,
    config: opts.config,
    database: opts.database,
    temporal,
    logger: opts.logger,
    adminTokenHash: hashSecret(opts.adminToken),
    linkCodeKey: deriveKey(opts.adminToken, LINK_CODE_KEY_PURPOSE),
  });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(opts.config.PORT, opts.config.HOST, (err?: Error) => (err ? reject(err) : resolve(s)));
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
      await temporal.connection.close();
    },
  };
}
