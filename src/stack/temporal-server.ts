import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { MIR_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';

export interface TemporalServerHandle {
  address: string;
  uiUrl: string;
  stop(): Promise<void>;
}

interface ServerOptions {
  dataDir: string;
  port: number;
  uiPort: number;
  namespace: string;
  log: (message: string) => void;
}

/** Generous: the SDK's own starter gives up after seconds, too short on a busy 2-core machine. */
const READY_TIMEOUT_MS = 180_000;

export function devServerArgs(opts: ServerOptions): string[] {
  const dbFile = path.resolve(opts.dataDir, 'temporal.sqlite');
  return [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--ui-port',
    String(opts.uiPort),
    '--db-filename',
    dbFile,
    ...(opts.namespace === 'default' ? [] : ['--namespace', opts.namespace]),
    '--sqlite-pragma',
    'journal_mode=wal',
    '--log-level',
    'warn',
    ...MIR_SEARCH_ATTRIBUTES.flatMap((k) => ['--search-attribute', `${k.name}=Keyword`]),
  ];
}

export class DevServerExited extends Error {}

/** Ready means the namespace answers, not merely that the port is open. */
export async function waitForTemporal(address: string, namespace: string, timeoutMs: number, isDead: () => boolean) {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (isDead()) throw new DevServerExited('the Temporal dev server exited during start-up');
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(`Temporal at ${address} not ready after ${timeoutMs / 1000}s: ${String(lastError)}`);
}

/**
 * One more try when the server dies during start-up: it binds several ports of its own choosing
 * (HTTP, metrics, internal services), and on a shared machine one of them can be taken between
 * its check and its bind. A server that starts but never answers is not retried.
 */
export async function startTemporalDevServer(binary: string, opts: ServerOptions): Promise<TemporalServerHandle> {
  try {
    return await startOnce(binary, opts);
  } catch (err) {
    if (!(err instanceof DevServerExited)) throw err;
    opts.log(`${err.message}; starting it once more`);
    return startOnce(binary, opts);
  }
}

async function startOnce(binary: string, opts: ServerOptions): Promise<TemporalServerHandle> {
  mkdirSync(opts.dataDir, { recursive: true });
  const child = spawn(binary, devServerArgs(opts), { stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  const relay = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      opts.log(`temporal: ${line}`);
      tail.push(line);
      if (tail.length > 20) tail.shift();
    }
  };
  child.stdout.on('data', relay);
  child.stderr.on('data', relay);
  // 'close' comes after both pipes are drained, so the tail holds the server's last words.
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const isDead = () => child.exitCode !== null || child.signalCode !== null;
  const address = `127.0.0.1:${opts.port}`;
  const stop = async () => {
    if (isDead()) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitForTemporal(address, opts.namespace, READY_TIMEOUT_MS, isDead);
  } catch (err) {
    if (err instanceof DevServerExited) {
      await exited;
      const how = child.signalCode ?? `exit code ${child.exitCode}`;
      throw new DevServerExited(`${err.message} (${how}): ${tail.join(' | ') || 'it printed nothing'}`);
    }
    await stop();
    throw err;
  }
  return { address, uiUrl: `http://localhost:${opts.uiPort}`, stop };
}
