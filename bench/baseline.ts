import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import express from 'express';
import postgres from 'postgres';

/**
 * The floor for POST /events: Express 5 parsing JSON and doing one INSERT through postgres.js,
 * nothing else. It runs on a worker thread of the bench process, so it has an event loop of its
 * own like MIR's API does; sharing one with autocannon would slow it down and flatter MIR.
 */
export interface RunningBaseline {
  url: string;
  stop(): Promise<void>;
}

const ROLE = 'mir-bench-baseline';

interface BaselineData {
  role: typeof ROLE;
  databaseUrl: string;
}

type FromWorker = { ready: true; port: number } | { ready: false; error: string };

export async function startBaseline(databaseUrl: string): Promise<RunningBaseline> {
  // A .ts worker entry needs tsx's require hook, which worker threads do not inherit.
  const entry = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(__filename)});`;
  const data: BaselineData = { role: ROLE, databaseUrl };
  const worker = new Worker(entry, { eval: true, workerData: data });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`baseline worker exited with ${code} before listening`)));
    worker.once('message', (m: FromWorker) => (m.ready ? resolve(m.port) : reject(new Error(m.error))));
  });
  worker.removeAllListeners();
  worker.on('error', (err) => console.error('baseline worker failed:', err));
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage('stop');
      const timer = setTimeout(() => void worker.terminate(), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function serve(data: BaselineData): Promise<void> {
  // The same pool size as MIR's API (src/db/client.ts), so neither side gets more connections.
  const sql = postgres(data.databaseUrl, { max: 10, onnotice: () => undefined });
  await sql`create table if not exists bench_baseline (
    id text primary key, user_id text not null, type text not null, data jsonb,
    created_at timestamptz not null default now())`;
  const app = express();
  app.use(express.json());
  app.post('/events', async (req, res) => {
    const body = req.body as { type?: string; userId?: string; data?: unknown };
    const id = randomUUID();
    const data = body.data === undefined ? null : sql.json(body.data as postgres.JSONValue);
    await sql`insert into bench_baseline (id, user_id, type, data)
      values (${id}, ${body.userId ?? ''}, ${body.type ?? ''}, ${data})`;
    res.status(201).json({ id, type: body.type, userId: body.userId });
  });
  // A failed insert is counted by the load generator as a non-2xx; Express's default handler
  // would also print its stack, which is noise when Postgres stops under a Ctrl-C.
  app.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(500).json({ error: err.message });
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  parentPort?.on('message', () => {
    server.close();
    server.closeAllConnections();
    void sql.end({ timeout: 5 }).then(() => parentPort?.close());
  });
  parentPort?.postMessage({ ready: true, port: typeof address === 'object' && address ? address.port : 0 });
}

const input = workerData as BaselineData | undefined;
if (!isMainThread && input?.role === ROLE) {
  serve(input).catch((err: unknown) => {
    parentPort?.postMessage({ ready: false, error: err instanceof Error ? err.message : String(err) });
  });
}
