import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ChaosClient } from './chaos/client';
import { gatherFacts } from './chaos/facts';
import { runFaults } from './chaos/faults';
import { History } from './chaos/history';
import { quiesce } from './chaos/quiesce';
import { ARTIFACTS, recheck, report } from './chaos/report';
import { Rng } from './chaos/rng';
import { type ChaosStack, startChaosStack } from './chaos/stack';
import { runTraffic } from './chaos/traffic';
import type { TrafficContext } from './chaos/traffic/context';
import { flood } from './chaos/traffic/flood';
import { setUp } from './chaos/traffic/setup';

/**
 * `npm run chaos -- --minutes N [--seed S] [--rate FLOWS_PER_S] [--keep]`: the production shape
 * (two APIs, two workers, Postgres, Temporal, a webhook receiver, a transcript server) under seeded
 * traffic while faults hit it, then every promise checked against what was answered
 * (docs/testing.md, "Chaos"). `--recheck <folder>` checks a kept history and facts again.
 */
const QUIET_MS = 60_000;
const SETTLE_MS = 240_000;

function options(argv: string[]) {
  const o = { minutes: 2, seed: Math.floor(Math.random() * 0x7fffffff), rate: 3, keep: false, recheck: '' };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--minutes') o.minutes = Number(argv[++i]);
    else if (arg === '--seed') o.seed = Number(argv[++i]);
    else if (arg === '--rate') o.rate = Number(argv[++i]);
    else if (arg === '--keep') o.keep = true;
    else if (arg === '--recheck') o.recheck = argv[++i] ?? '';
    else throw new Error(`unknown option ${arg} (use --minutes N [--seed S] [--rate R] [--keep])`);
  }
  if (!(o.minutes >= 0) || !Number.isInteger(o.seed) || !(o.rate > 0))
    throw new Error('--minutes and --rate take numbers, --seed an integer');
  return o;
}

const held: { stack?: ChaosStack; root?: string } = {};

async function main(): Promise<number> {
  const o = options(process.argv.slice(2));
  if (o.recheck) return recheck(o.recheck) ? 0 : 1;
  rmSync(ARTIFACTS, { recursive: true, force: true });
  const root = mkdtempSync(path.join(tmpdir(), 'mir-chaos-'));
  if (!o.keep) held.root = root;
  const history = new History(path.join(root, 'history.ndjson'));
  console.log(`chaos: seed ${o.seed}, ${o.minutes} min, ${o.rate} flows/s, folder ${root}`);
  const stack = (held.stack = await startChaosStack(root, o.seed, history));
  history.write({
    t: 'run',
    at: Date.now(),
    seed: o.seed,
    minutes: o.minutes,
    apis: stack.apis.map((a) => a.name),
    workers: stack.workers.map((w) => w.name),
  });
  const client = new ChaosClient(history, () =>
    stack.apis.map((a) => ({ name: a.name, url: stack.apiUrl(a.name), up: a.up })),
  );
  const ctx: TrafficContext = {
    client,
    history,
    adminToken: stack.adminToken,
    orgs: [],
    mira: { key: '', reps: [] },
    transcriptUrl: stack.transcriptUrl,
    receiverUrl: stack.receiverUrl,
    webhookSecrets: new Map(),
  };
  const rng = new Rng(o.seed);
  await setUp(ctx, rng.fork(0));
  const until = Date.now() + o.minutes * 60_000;
  console.log('chaos: traffic and faults');
  let trafficDone = false;
  const [traffic, faults] = await Promise.all([
    runTraffic(ctx, rng.fork(1), { until, perSecond: o.rate, maxInFlight: 60 }).finally(() => (trafficDone = true)),
    runFaults(
      stack,
      history,
      rng.fork(2),
      until - QUIET_MS,
      () => trafficDone,
      (api, label) => flood(ctx, rng.fork(3), api, label),
    ),
  ]);
  client.close();
  console.log(`chaos: ${traffic.started} flows (${traffic.unfinished} unfinished), ${faults} faults; settling`);
  const settled = await quiesce(stack.postgres.url, SETTLE_MS);
  console.log(
    `chaos: settled in ${Math.round(settled.ms / 1000)} s${settled.moving.length ? `; still moving: ${settled.moving.join(', ')}` : ''}`,
  );
  const facts = await gatherFacts({
    databaseUrl: stack.postgres.url,
    temporalAddress: stack.temporal.address,
    receiptsFile: stack.receiptsFile,
    endpoints: new Map(ctx.orgs.map((org) => [org.label, org.endpointId])),
    secrets: ctx.webhookSecrets,
  });
  await history.close();
  const summary = report(root, facts, o.seed, o.minutes);
  return summary.verdicts.every((v) => v.ok) ? 0 : 1;
}

async function release() {
  if (held.stack) await held.stack.stop();
  if (held.root) rmSync(held.root, { recursive: true, force: true });
  Object.assign(held, { stack: undefined, root: undefined });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void release().then(() => process.exit(130)));
main()
  .then(async (code) => {
    await release();
    process.exit(code);
  })
  .catch(async (err: unknown) => {
    console.error(err);
    await release();
    process.exit(1);
  });
