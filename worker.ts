import { databaseUrl, loadConfig } from './src/config';
import { createDatabase, workerDatabaseOptions } from './src/db/client';
import { migrateDatabase } from './src/db/migrate';
import { createLogger } from './src/logger';
import { onShutdownSignal } from './src/shutdown';
import { startWorker } from './src/worker/run';

/** `npm run worker`: the Temporal worker alone, polling task queue `mir` (TEMPORAL_TASK_QUEUE). */
async function main() {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL, undefined, config.LOG_FORMAT);
  const url = databaseUrl(config);
  await migrateDatabase(url);
  const database = createDatabase(url, workerDatabaseOptions(config));
  const worker = await startWorker({ config, database, logger });
  logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE }, 'worker polling');
  onShutdownSignal(async () => {
    await worker.shutdown();
    await database.close();
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
