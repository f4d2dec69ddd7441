import { resolveAdminToken } from '../admin-token';
import { databaseUrl, loadConfig } from '../config';
import { apiDatabaseOptions, createDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { createLogger } from '../logger';
import { onShutdownSignal } from '../shutdown';
import { startApi } from './server';

/** `npm run api`: the HTTP API alone, as production runs it (any number side by side). */
async function main() {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL, undefined, config.LOG_FORMAT);
  const url = databaseUrl(config);
  await migrateDatabase(url);
  const database = createDatabase(url, apiDatabaseOptions(config));
  const api = await startApi({ config, database, logger, adminToken: resolveAdminToken(config).token });
  logger.info({ url: api.url }, 'api listening');
  onShutdownSignal(async () => {
    await api.close();
    await database.close();
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
