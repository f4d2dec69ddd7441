import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { allocateStackPorts, spawnStack, stopStack, waitForReady } from '../test/helpers/stack-process';
import { BASELINE_READ_ROWS, type RunningBaseline, startBaseline } from './baseline';
import { compare } from './compare';
import { bulkLoad } from './bulk';
import { cardinalityRows, printCardinality } from './cardinality';
import { benchScale } from './scale';
import { benchEventPages, printEventPages } from './event-pages';
import { type LoadSettings, type LoadTarget, measurePair } from './load';
import { measureKillSwitch, printKillSwitch } from './kill-switch';
import { benchLineage } from './lineage';
import { benchConsole, printConsole } from './console';
import { benchCredentials, printCredentials } from './credentials';
import { benchExport, printExport } from './exports';
import { benchMemberImport, printMemberImport } from './members';
import { benchMira, printMira } from './mira';
import { benchMiraEval } from './mira-eval';
import { benchPolicy, printPolicy } from './policy';
import { benchRegulation, printRegulation } from './regulations';
import { GOALS, buildResults, printResults } from './report';
import { benchWorkflowStarts } from './starts';
import { seedUserInSql } from './seed';
import { type UnpolledApi, startUnpolledApi } from './unpolled-api';

const SETTINGS: LoadSettings = { connections: 10, durationSec: 10, warmupSec: 2, slices: 10 };
const BULK = { concurrency: 4, durationSec: 10, batchSize: 500, usersPerBatch: 50 };
const SMALL_USER = { externalId: 'resolve-small', events: 10 };
const BIG_USER = { externalId: 'resolve-big', events: 1_000_000, chunk: 100_000 };
/** Shorter: every request leaves a workflow behind on the dev server. */
const START_SETTINGS: LoadSettings = { connections: 10, durationSec: 6, warmupSec: 1, slices: 6 };
const startPlan = `${START_SETTINGS.durationSec} s each in ${START_SETTINGS.slices} alternating slices`;
const RESULTS_FILE = path.join(__dirname, 'results.json');
/** `npm run bench -- regulation` (or `export`, `credentials`, `console`) runs that row alone (a busy machine need not run the rest). */
const ONLY = process.argv[2];
const pairPlan =
  `${SETTINGS.connections} connections, ${SETTINGS.warmupSec} s warm-up each, then ${SETTINGS.durationSec} s each ` +
  `in ${SETTINGS.slices} alternating slices`;

/** Everything started so far, so a crash or Ctrl-C at any point stops exactly that. */
const held: {
  root?: string;
  logFile?: string;
  child?: ChildProcess;
  baseline?: RunningBaseline;
  unpolled?: UnpolledApi;
  sql?: postgres.Sql;
} = {};

async function release(): Promise<void> {
  const { baseline, unpolled, sql, child, root } = held;
  Object.assign(held, { baseline: undefined, unpolled: undefined, sql: undefined, child: undefined, root: undefined });
  await baseline?.stop().catch(() => undefined);
  await unpolled?.stop().catch(() => undefined);
  await sql?.end({ timeout: 5 }).catch(() => undefined);
  if (child) await stopStack(child);
  if (root) rmSync(root, { recursive: true, force: true });
}

/**
 * The scale run's Postgres is sized for the machine, as a production one would be: a quarter of
 * memory for shared buffers (at most 8 GB) and checkpoints spread out. With the default 128 MB the
 * randomly written indexes outgrow the buffers after the first million events (docs/performance.md,
 * run W). The environment's own values win.
 */
function scalePostgres() {
  const quarterMb = Math.min(8192, Math.floor(os.totalmem() / 4 / 2 ** 20));
  return {
    MIR_PG_SHARED_BUFFERS: process.env.MIR_PG_SHARED_BUFFERS || `${quarterMb}MB`,
    MIR_PG_MAX_WAL_SIZE: process.env.MIR_PG_MAX_WAL_SIZE || '16GB',
  };
}

async function startStack() {
  const root = mkdtempSync(path.join(tmpdir(), 'mir-bench-'));
  const logFile = path.join(root, 'stack.log');
  Object.assign(held, { root, logFile });
  const ports = await allocateStackPorts();
  const adminToken = `mir_admin_bench_${randomBytes(24).toString('base64url')}`;
  // Blank DATABASE_URL / TEMPORAL_ADDRESS count as unset, so a developer's shell cannot point the
  // bench at a real database.
  const env = {
    ...ports,
    ...(ONLY === 'scale' ? scalePostgres() : {}),
    MIR_ADMIN_TOKEN: adminToken,
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
    TEMPORAL_ADDRESS: '',
    // The Mira bench sends all its calls with one key: it measures the pipeline, not the per-key limit.
    MIRA_KEY_RATE_LIMIT_PER_MINUTE: '100000000',
  };
  held.child = spawnStack({ dataDir: path.join(root, 'data'), logFile, env });
  const apiUrl = `http://127.0.0.1:${ports.PORT}`;
  const started = Date.now();
  console.log(`starting the stack (log: ${logFile})`);
  // Generous: on a machine without the temporal CLI the first start builds it with Go.
  await waitForReady(apiUrl, held.child, 45 * 60_000);
  console.log(`stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return {
    apiUrl,
    adminToken,
    databaseUrl: `postgres://postgres:postgres@127.0.0.1:${ports.MIR_PG_PORT}/mir`,
    temporalAddress: `127.0.0.1:${ports.MIR_TEMPORAL_PORT}`,
  };
}

async function postJson(url: string, headers: Record<string, string>, body: unknown, expected: number) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== expected) throw new Error(`POST ${url}: expected ${expected}, got ${res.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

async function main() {
  // Another job on a 2-core machine moves every figure; worth knowing when reading them.
  const loadAverageAtStart = Number(os.loadavg()[0]!.toFixed(2));
  if (loadAverageAtStart > 0.5)
    console.log(`note: load average ${loadAverageAtStart} before start; figures may be noisy`);
  if (ONLY === 'mira-eval') {
    console.log('Mira evaluation set: ranking accuracy and insight precision / recall (no stack)');
    await benchMiraEval();
    return;
  }
  const { apiUrl, adminToken, databaseUrl, temporalAddress } = await startStack();
  const auth = { authorization: `Bearer ${adminToken}` };
  const org = await postJson(`${apiUrl}/admin/organizations`, auth, { name: 'Bench', plan: 'enterprise' }, 201);
  const organizationId = String(org.id);
  const partner = { 'x-api-key': String(org.apiKey) };
  held.sql = postgres(databaseUrl, { max: 2, onnotice: () => undefined });
  const seedBig = () =>
    seedUserInSql(
      held.sql!,
      {
        organizationId,
        externalId: BIG_USER.externalId,
        total: BIG_USER.events,
        chunk: BIG_USER.chunk,
        now: new Date(),
      },
      (done, total) => console.log(`seeding ${done}/${total}`),
    );
  const regulationRow = () =>
    benchRegulation({ apiUrl, partnerKey: String(org.apiKey), userId: BIG_USER.externalId, events: BIG_USER.events });
  const exportRow = () =>
    benchExport({
      ...{ apiUrl, adminToken, databaseUrl, temporalAddress, organizationId, apiKey: String(org.apiKey) },
      ...{ root: held.root!, sql: held.sql! },
    });
  if (ONLY === 'export') {
    console.log('data export: a person with 100,000 events, written by a worker of its own');
    printExport(await exportRow());
    return;
  }
  if (ONLY === 'credentials') {
    console.log('credentials: issuance and verification per second, and a full status list');
    printCredentials(await benchCredentials({ apiUrl, adminToken, apiKey: String(org.apiKey), sql: held.sql }));
    return;
  }
  if (ONLY === 'event-pages') {
    const events = Number(process.argv[3] ?? 2_000_000);
    const other = await postJson(`${apiUrl}/admin/organizations`, auth, { name: 'Small', plan: 'enterprise' }, 201);
    console.log(`GET /events page 1 and page 1,000 at ${events.toLocaleString('en-US')} events in one organisation`);
    const row = await benchEventPages({
      ...{ apiUrl, sql: held.sql, events },
      big: { id: organizationId, headers: partner },
      small: { id: String(other.id), headers: { 'x-api-key': String(other.apiKey) } },
    });
    printEventPages(row);
    return;
  }
  const consoleRow = () => benchConsole({ apiUrl, adminToken, sql: held.sql! });
  if (ONLY === 'console') {
    console.log('console: every page of an organisation with 10,000 agents, as its OWNER with a session cookie');
    printConsole(await consoleRow());
    return;
  }
  if (ONLY === 'regulation') {
    await seedBig();
    console.log('regulation: DELETE of the big user while other users send events');
    printRegulation(await regulationRow());
    return;
  }

  held.baseline = await startBaseline(databaseUrl, temporalAddress);
  const baselineUrl = held.baseline.url;
  let r = 0;
  const bareRead: LoadTarget = {
    url: `${baselineUrl}/read`,
    body: () => JSON.stringify({ id: `read-${(r += 1) % BASELINE_READ_ROWS}` }),
  };
  const bareStart: LoadTarget = { url: `${baselineUrl}/start`, body: () => '{}' };
  if (ONLY === 'cardinality') {
    console.log('POST /events/bulk at 10, 10,000 and 1,000,000 distinct users vs a bare multi-row INSERT');
    printCardinality((await cardinalityRows(apiUrl, partner, baselineUrl)).rows);
    return;
  }
  if (ONLY === 'scale') {
    const target = Number(process.argv[3] ?? 10_000_000);
    console.log(`POST /events/bulk over 1,000,000 users until ${target.toLocaleString('en-US')} events, by million`);
    const windows = await benchScale({ apiUrl, headers: partner, sql: held.sql, organizationId, target });
    writeFileSync(path.join(__dirname, 'scale-results.json'), `${JSON.stringify(windows, null, 2)}\n`);
    return;
  }
  // A rotating set of users: each request updates one user's aggregates, and 1,000 users keep
  // ten connections from queueing on the same row lock.
  let n = 0;
  const eventBody = () => JSON.stringify({ type: 'bench.event', userId: `single-${(n += 1) % 1000}` });
  console.log(`POST /events: MIR and baseline, ${pairPlan}`);
  const events = await measurePair(
    { url: `${apiUrl}/events`, headers: partner, body: eventBody },
    { url: `${baselineUrl}/events`, body: eventBody },
    SETTINGS,
  );

  console.log(`POST /events: an agent at depth 3 (four windows counted) vs a root agent, ${pairPlan}`);
  const lineage = await benchLineage(apiUrl, String(org.apiKey), SETTINGS);

  console.log(`POST /events/bulk: ${BULK.concurrency} senders × ${BULK.batchSize} events for ${BULK.durationSec} s`);
  const bulk = await bulkLoad(`${apiUrl}/events/bulk`, String(org.apiKey), BULK);
  console.log('POST /events/bulk at 10, 10,000 and 1,000,000 distinct users vs a bare multi-row INSERT');
  const cardinality = await cardinalityRows(apiUrl, partner, baselineUrl);

  // The small user goes through the API like any real one; the big one is seeded in SQL.
  const smallEvents = Array.from({ length: SMALL_USER.events }, () => ({
    type: 'bench.event',
    userId: SMALL_USER.externalId,
  }));
  await postJson(`${apiUrl}/events/bulk`, partner, { events: smallEvents }, 200);
  const seeding = await seedBig();
  for (const user of [SMALL_USER, BIG_USER]) {
    const answer = await postJson(`${apiUrl}/resolve`, partner, { userId: user.externalId }, 200);
    if (answer.eventCount !== user.events)
      throw new Error(`resolve says ${String(answer.eventCount)} events for ${user.externalId}, seeded ${user.events}`);
  }
  const resolveTarget = (userId: string) => ({
    url: `${apiUrl}/resolve`,
    headers: partner,
    body: () => JSON.stringify({ userId }),
  });
  console.log(`POST /resolve (${BIG_USER.events}-event user, then ${SMALL_USER.events}) vs a bare read, ${pairPlan}`);
  const big = await measurePair(resolveTarget(BIG_USER.externalId), bareRead, SETTINGS);
  const small = await measurePair(resolveTarget(SMALL_USER.externalId), bareRead, SETTINGS);

  console.log(`POST /policy/evaluate vs a bare read (${pairPlan}), then bulk evaluations`);
  const policy = await benchPolicy(apiUrl, String(org.apiKey), SETTINGS, { concurrency: 4, durationSec: 10 }, bareRead);

  console.log(`invite, code and spawn with approval vs a bare workflow start (${startPlan}), no worker polling`);
  held.unpolled = await startUnpolledApi({ databaseUrl, temporalAddress, adminToken, root: held.root! });
  const starts = await benchWorkflowStarts(held.unpolled.url, String(org.apiKey), bareStart, START_SETTINGS);
  await held.unpolled.stop();
  held.unpolled = undefined;
  console.log(`the same with the stack's worker executing each workflow on this machine`);
  const startsWithWorker = await benchWorkflowStarts(apiUrl, String(org.apiKey), bareStart, START_SETTINGS);
  // Its idle thread and pools would otherwise sit in every later measurement.
  await held.baseline.stop();
  held.baseline = undefined;

  console.log('member import: 5 × 500 new addresses');
  const members = await benchMemberImport(apiUrl, String(org.apiKey));

  console.log('mira: 200 meetings through the pipeline with the rubric scorer');
  const mira = await benchMira(apiUrl, adminToken);

  console.log('data export: a person with 100,000 events, written by a worker of its own');
  const dataExport = await exportRow();

  console.log('console: every page of an organisation with 10,000 agents, as its OWNER with a session cookie');
  const consolePages = await consoleRow();

  // Last: it seeds 10,000 agents and vacuums the agents table.
  console.log('genealogy: 10,000-agent tree, lineage, then the kill switch over all of it');
  const genealogy = await measureKillSwitch({ apiUrl, partnerKey: String(org.apiKey), organizationId, sql: held.sql });

  // After every read of the big user: this deletes its million events.
  console.log('regulation: DELETE of the big user while other users send events');
  const regulation = await regulationRow();

  const comparisons = [
    compare('POST /events', 'insert', events, GOALS.events),
    compare('POST /events, agent at depth 3', 'root agent', lineage, GOALS.lineage),
    compare(`POST /resolve (${BIG_USER.events.toLocaleString('en-US')} events)`, 'read', big, GOALS.resolve),
    compare(`POST /resolve (${SMALL_USER.events} events)`, 'read', small, GOALS.resolve),
    compare('POST /policy/evaluate', 'read', policy.evaluate, GOALS.evaluate),
    compare('POST /partners/link/invite', 'start', starts.invite, GOALS.workflowStart),
    compare('POST /partners/link/code', 'start', starts.code, GOALS.workflowStart),
    compare('POST /v1/agents/:id/spawn (approval)', 'start', starts.spawn, GOALS.workflowStart),
    compare('POST /partners/link/invite, worker here', 'start', startsWithWorker.invite, {}),
    compare('POST /partners/link/code, worker here', 'start', startsWithWorker.code, {}),
    compare('POST /v1/agents/:id/spawn (approval), worker here', 'start', startsWithWorker.spawn, {}),
  ];
  const results = buildResults({
    settings: SETTINGS,
    comparisons,
    bulk,
    resolve: { small: small[0], big: big[0], smallEvents: SMALL_USER.events, bigEvents: BIG_USER.events },
    seeding,
    loadAverageAtStart,
  });
  writeFileSync(
    RESULTS_FILE,
    `${JSON.stringify({ ...results, cardinality, policy, members, mira, dataExport, consolePages, genealogy, regulation }, null, 2)}\n`,
  );
  printResults(results, path.relative(process.cwd(), RESULTS_FILE));
  console.log('\nBulk events by distinct users (8 senders × 500), MIR vs a bare multi-row INSERT');
  printCardinality(cardinality.rows);
  printPolicy(policy);
  printMemberImport(members);
  printMira(mira);
  printExport(dataExport);
  printConsole(consolePages);
  printKillSwitch(genealogy);
  printRegulation(regulation);
}

function logTail(): string {
  if (!held.logFile || !existsSync(held.logFile)) return '';
  // Lines are capped: a failed query's log line carries every parameter, 100 kB for a bulk batch.
  const lines = readFileSync(held.logFile, 'utf8').split('\n').slice(-30);
  return lines.map((line) => (line.length > 400 ? `${line.slice(0, 400)}…` : line)).join('\n');
}

// Whatever ends the bench early must still stop the stack: it would otherwise keep running,
// since its orphan check watches its tsx launcher, not this process.
let aborting = false;
function abort(reason: string, code: number) {
  aborting = true;
  console.error(`\n${reason}: stopping the stack`);
  void release().finally(() => process.exit(code));
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => abort(signal, 130));
process.once('uncaughtException', (err) => abort(`bench crashed: ${err.stack ?? err.message}`, 1));

main().then(
  () => release(),
  async (err: unknown) => {
    // After Ctrl-C, requests fail because the stack is going away: not worth reporting.
    if (aborting) return;
    console.error(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    const tail = logTail();
    if (tail) console.error(`last lines of the stack log:\n${tail}`);
    await release();
    process.exitCode = 1;
  },
);
