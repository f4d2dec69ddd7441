import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { hashSecret } from '../domain/keys';
import { createTemporalClient } from '../temporal/connection';
import { createApp } from './app';

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
  const app = createApp({
    config: opts.config,
    database: opts.database,
    temporal,
    logger: opts.logger,
    adminTokenHash: hashSecret(opts.adminToken),
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
      await temporal.connection.close();
    },
  };
}
