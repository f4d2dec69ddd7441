import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Client, Connection } from '@temporalio/client';
import express from 'express';
import postgres from 'postgres';

/**
 * The floors MIR is measured against, each Express 5 parsing JSON and doing one thing: one INSERT
 * through postgres.js (POST /events, and one multi-row INSERT per batch for POST /events/bulk), one primary-key read (POST /read: resolve and evaluate), one
 * bare Temporal workflow start on the same dev server (POST /start: invite, code, spawn approval).
 * It is a process of its own, started through tsx as MIR's API is: on a worker thread of the bench
 * it shared the load generator's process and served a quarter fewer reads than it does alone,
 * which flattered every ratio.
 */
export interface RunningBaseline {
  url: string;
  stop(): Promise<void>;
}

/** The process title, so the bench's CPU sampling can tell the baseline from MIR's API. */
export const BASELINE_TITLE = 'mir-baseline';

/** Rows POST /read picks from; the bench rotates over them as it does over MIR's users. */
export const BASELINE_READ_ROWS = 1000;

export async function startBaseline(databaseUrl: string, temporalAddress: string): Promise<RunningBaseline> {
  const root = path.resolve(__dirname, '..');
  const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), [__filename], {
    cwd: root,
    env: { ...process.env, BENCH_BASELINE_DATABASE_URL: databaseUrl, BENCH_BASELINE_TEMPORAL: temporalAddress },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    void exited.then(() => reject(new Error(`the baseline exited with ${child.exitCode} before listening`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /^listening (\d+)$/.exec(line);
      if (m) resolve(Number(m[1]));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function serve(data: { databaseUrl: string; temporalAddress: string }): Promise<void> {
  process.title = BASELINE_TITLE;
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
  // The bulk floor: one multi-row INSERT of the batch, no per-user aggregate, no foreign key.
  app.post('/events/bulk', async (req, res) => {
    const items = (req.body as { events?: { type?: string; userId?: string }[] }).events ?? [];
    const rows = items.map((e) => ({ id: randomUUID(), user_id: e.userId ?? '', type: e.type ?? '' }));
    if (rows.length > 0) await sql`insert into bench_baseline ${sql(rows, 'id', 'user_id', 'type')}`;
    res.json({ summary: { total: items.length, accepted: rows.length, errors: 0 } });
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
  process.once('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
    void Promise.all([sql.end({ timeout: 5 }), temporal.connection.close()]).then(() => process.exit(0));
  });
  console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
}

if (require.main === module) {
  const databaseUrl = process.env.BENCH_BASELINE_DATABASE_URL ?? '';
  const temporalAddress = process.env.BENCH_BASELINE_TEMPORAL ?? '';
  serve({ databaseUrl, temporalAddress }).catch((err: unknown) => {
    console.error('the baseline failed to start:', err);
    process.exit(1);
  });
}
