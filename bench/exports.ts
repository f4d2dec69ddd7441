import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type postgres from 'postgres';
import { REPO_ROOT, stopStack } from '../test/helpers/stack-process';
import { round } from './load';
import { type UnpolledApi, startUnpolledApi } from './unpolled-api';

/** The goal for a person's export of 100,000 events: written within this, the worker growing less. */
export const EXPORT_GOALS = { seconds: 30, rssGrowthMb: 100 };
const QUEUE = 'mir-bench-export';

export interface ExportFigures {
  events: number;
  /** From the 202 to READY: the workflow writing the document. */
  seconds: number;
  downloadSeconds: number;
  megabytes: number;
  chunks: number;
  workerRssBeforeMb: number;
  workerRssPeakMb: number;
  workerRssGrowthMb: number;
}

interface Setup {
  apiUrl: string;
  adminToken: string;
  databaseUrl: string;
  temporalAddress: string;
  root: string;
  sql: postgres.Sql;
  organizationId: string;
  apiKey: string;
}

async function call(url: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) {
  const res = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { 'content-type': 'application/json', ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${init.method ?? 'POST'} ${url}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as Record<string, unknown>;
}

/** A verified, logged-in person linked to the bench organisation's user `externalId`. */
async function linkedPerson(s: Setup, externalId: string): Promise<string> {
  const email = `export-bench-${Date.now()}@example.com`;
  const password = 'correct horse battery';
  await call(`${s.apiUrl}/v1/users/signup`, { body: { email, password } });
  const admin = { authorization: `Bearer ${s.adminToken}` };
  let token: string | undefined;
  for (let i = 0; i < 100 && !token; i += 1) {
    const box = await call(`${s.apiUrl}/admin/outbox?to=${encodeURIComponent(email)}`, { headers: admin });
    token = /Token: (\S+)/.exec((box.messages as { text: string }[])[0]?.text ?? '')?.[1];
    if (!token) await new Promise((r) => setTimeout(r, 100));
  }
  await call(`${s.apiUrl}/v1/users/verify-email`, { body: { token, password } });
  const session = String((await call(`${s.apiUrl}/v1/users/login`, { body: { email, password } })).token);
  const code = await call(`${s.apiUrl}/partners/link/code`, {
    headers: { 'x-api-key': s.apiKey },
    body: { userId: externalId },
  });
  await call(`${s.apiUrl}/v1/me/links/code`, {
    headers: { authorization: `Bearer ${session}` },
    body: { code: code.code },
  });
  return session;
}

/** `events` events of about 150 bytes of data each, straight in SQL, the user's aggregates to match. */
async function seedEvents(s: Setup, externalId: string, events: number): Promise<void> {
  const userId = `usr_bench_${externalId}`;
  await s.sql`
    insert into partner_users (id, organization_id, external_id, event_count, first_event_at, last_event_at)
    values (${userId}, ${s.organizationId}, ${externalId}, ${events}, now() - ${events} * interval '1 minute', now())`;
  await s.sql`
    insert into events (id, organization_id, partner_user_id, type, significance, data, occurred_at, received_at)
    select 'evt_export_' || g, ${s.organizationId}, ${userId}, 'review.posted', 'normal',
           jsonb_build_object('n', g, 'stars', g % 5, 'note', 'a review of order ' || g || ', delivered on time'),
           now() - g * interval '1 minute', now() - interval '1 second'
    from generate_series(1, ${events}::int) as g`;
  await s.sql`vacuum (analyze) events`;
}

const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** The worker alone (node with tsx's loader, so its pid is the worker's own), on a queue of its own. */
async function startWorker(s: Setup): Promise<ChildProcess> {
  const dir = path.join(s.root, 'export-worker');
  mkdirSync(dir, { recursive: true });
  const log = createWriteStream(path.join(dir, 'worker.log'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'info',
      DATABASE_URL: s.databaseUrl,
      TEMPORAL_ADDRESS: s.temporalAddress,
      TEMPORAL_TASK_QUEUE: QUEUE,
      MIR_ADMIN_TOKEN: s.adminToken,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr.pipe(log);
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      log.write(d);
      if (d.toString().includes('worker polling')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the export worker exited with ${code}`)));
  });
  return child;
}

/**
 * A person with `events` events exports them: POST /v1/me/exports on an API whose workflow
 * starts go to a worker of their own, timed until READY while that worker's RSS is sampled every
 * 50 ms; then the download, parsed and counted.
 */
export async function benchExport(s: Setup, events = 100_000): Promise<ExportFigures> {
  const externalId = `export-${Date.now()}`;
  // Seeded first: the link code then finds the partner's user with its events.
  await seedEvents(s, externalId, events);
  const session = await linkedPerson(s, externalId);
  let api: UnpolledApi | undefined;
  let worker: ChildProcess | undefined;
  try {
    [api, worker] = await Promise.all([startUnpolledApi({ ...s, queue: QUEUE }), startWorker(s)]);
    const pid = worker.pid!;
    // Settled: the bundle built, the pools connected.
    await new Promise((r) => setTimeout(r, 3_000));
    const before = rssMb(pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 50);
    const auth = { authorization: `Bearer ${session}` };
    const started = performance.now();
    const { exportId } = await call(`${api.url}/v1/me/exports`, { headers: auth, body: {} });
    let status: Record<string, unknown> = {};
    while (status.status !== 'READY') {
      if (status.status === 'FAILED') throw new Error(`export ${String(exportId)} failed`);
      await new Promise((r) => setTimeout(r, 50));
      status = await call(`${api.url}/v1/me/exports/${String(exportId)}`, { headers: auth });
    }
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const downloadStarted = performance.now();
    const doc = (await call(`${api.url}/v1/me/exports/${String(exportId)}/download`, { headers: auth })) as {
      events: unknown[];
    };
    const downloadSeconds = (performance.now() - downloadStarted) / 1000;
    if (doc.events.length !== events) throw new Error(`the export holds ${doc.events.length} events, not ${events}`);
    const [chunks] = await s.sql<
      { n: number }[]
    >`select count(*)::int as n from export_chunks where export_id = ${String(exportId)}`;
    return {
      events,
      seconds: round(seconds),
      downloadSeconds: round(downloadSeconds),
      megabytes: round(Number(status.size) / 1024 / 1024),
      chunks: chunks!.n,
      workerRssBeforeMb: round(before),
      workerRssPeakMb: round(peak),
      workerRssGrowthMb: round(peak - before),
    };
  } finally {
    await api?.stop();
    if (worker) await stopStack(worker);
  }
}

export function printExport(f: ExportFigures): void {
  const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
  console.log(`\nData export (${f.events.toLocaleString('en-US')} events, ${f.megabytes} MB in ${f.chunks} chunks)`);
  console.log(
    `  POST /v1/me/exports to READY  ${f.seconds} s (goal < ${EXPORT_GOALS.seconds} s: ${met(f.seconds < EXPORT_GOALS.seconds)}); ` +
      `download ${f.downloadSeconds} s`,
  );
  console.log(
    `  worker RSS ${f.workerRssBeforeMb} MB → peak ${f.workerRssPeakMb} MB: +${f.workerRssGrowthMb} MB ` +
      `(goal < ${EXPORT_GOALS.rssGrowthMb} MB: ${met(f.workerRssGrowthMb < EXPORT_GOALS.rssGrowthMb)})`,
  );
}
