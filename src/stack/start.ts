import path from 'node:path';
import { resolveAdminToken } from '../admin-token';
import { startApi } from '../api/server';
import { type Config, loadConfig } from '../config';
import { apiDatabaseOptions, createDatabase, workerDatabaseOptions } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { createLogger } from '../logger';
import { onShutdownSignal } from '../shutdown';
import { installRuntime, startWorker } from '../worker/run';
import { startEmbeddedPostgres } from './postgres';
import { startLocalTemporal } from './temporal';

type Cleanup = { name: string; run: () => Promise<void> };

/**
 * `npm start`: Postgres and Temporal (embedded unless DATABASE_URL / TEMPORAL_ADDRESS are set),
 * migrations, worker and API in one process tree. Everything started is stopped in reverse
 * order on SIGINT/SIGTERM, also when the signal arrives halfway through start-up.
 */
async function main() {
  const base = loadConfig();
  const logger = createLogger(base.LOG_LEVEL, undefined, base.LOG_FORMAT);
  const log = (message: string) => logger.info({ component: 'stack' }, message);
  const cleanups: Cleanup[] = [];
  let inFlight: Promise<unknown> = Promise.resolve();
  let stopping = false;

  async function stopAll(reason: string) {
    stopping = true;
    log(`${reason}: stopping`);
    await inFlight.catch(() => undefined);
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup.run().catch((err: unknown) => logger.error({ err }, `stopping ${cleanup.name} failed`));
    }
    log('stopped');
  }
  onShutdownSignal(stopAll);

  async function step<T>(name: string, start: () => Promise<T>, stop?: (value: T) => Promise<void>): Promise<T> {
    if (stopping) throw new StartupAborted();
    const started = start();
    inFlight = started;
    const value = await started;
    if (stop) cleanups.push({ name, run: () => stop(value) });
    if (stopping) throw new StartupAborted();
    return value;
  }

  try {
    await startAll();
  } catch (err) {
    if (err instanceof StartupAborted) return;
    console.error(`MIR failed to start: ${err instanceof Error ? err.message : String(err)}`);
    await stopAll('start-up failed');
    process.exit(1);
  }

  async function startAll() {
    installRuntime(logger, base.MIR_WORKER_METRICS_ADDRESS);
    const pg = base.DATABASE_URL
      ? null
      : await step(
          'postgres',
          () =>
            startEmbeddedPostgres({
              dataDir: base.MIR_DATA_DIR,
              port: base.MIR_PG_PORT,
              sharedBuffers: base.MIR_PG_SHARED_BUFFERS,
              maxWalSize: base.MIR_PG_MAX_WAL_SIZE,
              log,
            }),
          (h) => h.stop(),
        );
    const temporal = base.TEMPORAL_ADDRESS
      ? null
      : await step(
          'temporal',
          () => startLocalTemporal(base, log),
          (h) => h.stop(),
        );
    const config: Config = {
      ...base,
      DATABASE_URL: pg?.url ?? base.DATABASE_URL,
      TEMPORAL_ADDRESS: temporal?.address ?? base.TEMPORAL_ADDRESS,
    };
    const dbUrl = config.DATABASE_URL as string;
    await step('migrations', () => migrateDatabase(dbUrl));
    log('migrations applied');
    // Two pools: the worker's long batches never take the connections the API answers with.
    const workerDatabase = await step(
      'worker database pool',
      async () => createDatabase(dbUrl, workerDatabaseOptions(config)),
      (d) => d.close(),
    );
    const database = await step(
      'api database pool',
      async () => createDatabase(dbUrl, apiDatabaseOptions(config)),
      (d) => d.close(),
    );
    const adminToken = resolveAdminToken(config);
    await step(
      'worker',
      () => startWorker({ config, database: workerDatabase, logger }),
      (w) => w.shutdown(),
    );
    log(`worker polling task queue ${config.TEMPORAL_TASK_QUEUE}`);
    const api = await step(
      'api',
      () => startApi({ config, database, logger, adminToken: adminToken.token }),
      (a) => a.close(),
    );

    const dataDir = path.resolve(config.MIR_DATA_DIR);
    console.log(
      [
        '',
        'MIR is running',
        `  API          ${api.url}`,
        `  Docs         ${api.url}/docs`,
        `  Temporal UI  ${temporal ? temporal.uiUrl : `(external Temporal at ${config.TEMPORAL_ADDRESS})`}`,
        `  Admin token  ${adminToken.source === 'env' ? '(from MIR_ADMIN_TOKEN)' : `${adminToken.token}  (kept in ${adminToken.file})`}`,
        `  Data         ${pg ? `${dataDir}/postgres` : 'external Postgres'}, ${temporal ? `${dataDir}/temporal.sqlite` : 'external Temporal'}`,
        'Stop with Ctrl-C.',
        '',
      ].join('\n'),
    );
  }
}

class StartupAborted extends Error {}

void main();
