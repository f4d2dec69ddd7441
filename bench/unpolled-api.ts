import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, stopStack, waitForReady } from '../test/helpers/stack-process';
import { freePort } from '../test/helpers/ports';

/** The task queue the second API starts its workflows on; no worker polls it. */
export const UNPOLLED_QUEUE = 'mir-bench-unpolled';

export interface UnpolledApi {
  url: string;
  stop(): Promise<void>;
}

/**
 * One more API process, run as production runs it (`npm run api`, the stack's Postgres and
 * Temporal), whose workflow starts go to a task queue nothing polls: exactly the baseline's
 * condition. In production the workers run on machines of their own; on this 2-core machine the
 * stack's worker, executing every workflow as it is started, takes the CPU and the dev server's
 * time that both sides' starts are measured by, and only MIR's side would pay for it.
 */
export async function startUnpolledApi(opts: {
  databaseUrl: string;
  temporalAddress: string;
  adminToken: string;
  root: string;
  /** Another queue, polled by a worker the caller starts (the export bench's). */
  queue?: string;
}): Promise<UnpolledApi> {
  const port = await freePort();
  const dataDir = path.join(opts.root, opts.queue ?? 'unpolled-api');
  mkdirSync(dataDir, { recursive: true });
  const log = createWriteStream(path.join(dataDir, 'api.log'), { flags: 'a' });
  const child = spawn(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['src/api/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATABASE_URL: opts.databaseUrl,
      TEMPORAL_ADDRESS: opts.temporalAddress,
      TEMPORAL_TASK_QUEUE: opts.queue ?? UNPOLLED_QUEUE,
      MIR_ADMIN_TOKEN: opts.adminToken,
      MIR_DATA_DIR: dataDir,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopStack(child);
  };
  try {
    await waitForReady(url, child, 120_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, stop };
}
