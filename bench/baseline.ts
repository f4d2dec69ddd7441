import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { Client, Connection } from '@temporalio/client';
import express from 'express';
import postgres from 'postgres';

/**
 * The floors MIR is measured against, each Express 5 parsing JSON and doing one thing: one INSERT
 * through postgres.js (POST /events), one primary-key read (POST /read: resolve and evaluate), one
 * bare Temporal workflow start on the same dev server (POST /start: invite, code, spawn approval). It runs on a worker thread of the bench process, so it has an event loop of its
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
  temporalAddress: string;
}

/** Rows POST /read picks from; the bench rotates over them as it does over MIR's users. */
export const BASELINE_READ_ROWS = 1000;

type FromWorker = { ready: true; port: number } | { ready: false; error: string };

export async function startBaseline(databaseUrl: string, temporalAddress: string): Promise<RunningBaseline> {
  // A .ts worker entry needs tsx's require hook, which worker threads do not inherit.
  const entry = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(__filename)});`;
  const data: BaselineData = { role: ROLE, databaseUrl, temporalAddress };
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
  await sql`create table if not exists bench_baseline_users (
    id text primary key, event_count bigint not null, partner_count int not null,
    first_event_at timestamptz, last_event_at timestamptz, linked boolean not null)`;
  await sql`insert into bench_baseline_users
    select 'read-' || i, i, 1, now() - interval '30 days', now(), false
    from generate_series(0, ${BASELINE_READ_ROWS - 1}) i on conflict do nothing`;
  const temporal = new Client({ connection: await Connection.connect({ address: data.temporalAddress }) });
  const app = express();
  app.use(express.json());
  app.post('/read', async (req, res) => {
    const [row] = await sql`select * from bench_baseline_users where id = ${(req.body as { id?: string }).id ?? ''}`;
    if (row) res.json(row);
    else res.status(404).json({ error: 'not found' });
  });
  // Nothing polls this queue: a start is accepted by the server and left there, which is all a
  // start costs MIR's API as well (its workers run elsewhere).
  app.post('/start', async (_req, res) => {
    const handle = await temporal.workflow.start('benchEmpty', {
      taskQueue: 'mir-bench-baseline',
      workflowId: `bench-empty-${randomUUID()}`,
    });
    res.status(201).json({ workflowId: handle.workflowId });
  });
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
    void Promise.all([sql.end({ timeout: 5 }), temporal.connection.close()]).then(() => parentPort?.close());
  });
  parentPort?.postMessage({ ready: true, port: typeof address === 'object' && address ? address.port : 0 });
}

const input = workerData as BaselineData | undefined;
if (!isMainThread && input?.role === ROLE) {
  serve(input).catch((err: unknown) => {
    parentPort?.postMessage({ ready: false, error: err instanceof Error ? err.message : String(err) });
  });
}
