import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { freePort } from './ports';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

export interface StackOptions {
  dataDir: string;
  logFile: string;
  env?: Record<string, string>;
}

export interface StackPorts {
  PORT: string;
  MIR_PG_PORT: string;
  MIR_TEMPORAL_PORT: string;
  MIR_TEMPORAL_UI_PORT: string;
}

export async function allocateStackPorts(): Promise<StackPorts> {
  const [api, pg, temporal, ui] = [await freePort(), await freePort(), await freePort(), await freePort()];
  return { PORT: `${api}`, MIR_PG_PORT: `${pg}`, MIR_TEMPORAL_PORT: `${temporal}`, MIR_TEMPORAL_UI_PORT: `${ui}` };
}

/** Exactly what `npm start` runs, with its output appended to a log file the tests can read. */
export function spawnStack(opts: StackOptions): ChildProcess {
  mkdirSync(path.dirname(opts.logFile), { recursive: true });
  const log = createWriteStream(opts.logFile, { flags: 'a' });
  const child = spawn(TSX, ['src/stack/start.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, MIR_DATA_DIR: opts.dataDir, NODE_ENV: 'development', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

export async function waitForReady(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`stack exited with ${child.exitCode} before it was ready`);
    const ok = await fetch(`${baseUrl}/ready`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`stack not ready at ${baseUrl} after ${timeoutMs} ms`);
}

export async function stopStack(child: ChildProcess, timeoutMs = 60_000): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await exited;
  clearTimeout(timer);
  return code;
}
