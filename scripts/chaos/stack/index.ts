import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { migrateDatabase } from '../../../src/db/migrate';
import { freePort } from '../../../test/helpers/ports';
import { ensureWorkflowBundle } from '../../../test/setup/bundle';
import type { History } from '../history';
import { ChaosPostgres } from './postgres';
import { Service } from './service';
import { ChaosTemporal } from './temporal';

/** Webhook retries in seconds, so every delivery has settled by the end of the quiet minute. */
const RETRY_SCHEDULE_MS = '0,1000,2000,5000,10000,15000,20000,30000';
/** An erasure's grace period: long enough to cancel in, short enough to run within the run. */
const ERASURE_GRACE_SECONDS = '30';

export interface ChaosStack {
  root: string;
  logDir: string;
  adminToken: string;
  postgres: ChaosPostgres;
  temporal: ChaosTemporal;
  apis: Service[];
  workers: Service[];
  peers: Service[];
  apiUrl: (name: string) => string;
  receiverUrl: (label: string) => string;
  transcriptUrl: (path: string) => string;
  receiptsFile: string;
  stop: () => Promise<void>;
}

/**
 * The production shape on this machine, each part a process of its own: Postgres, the Temporal
 * dev server, two `npm run api`, two `npm run worker`, a webhook receiver and a transcript server,
 * on free ports under `root`. Migrations run once before the processes start, as a deploy would.
 */
export async function startChaosStack(root: string, seed: number, history: History): Promise<ChaosStack> {
  const logDir = path.join(root, 'logs');
  const dataDir = path.join(root, 'data');
  mkdirSync(logDir, { recursive: true });
  mkdirSync(dataDir, { recursive: true });
  const log = (name: string) => path.join(logDir, `${name}.log`);
  const record = (name: string) => (event: 'up' | 'kill' | 'exit', pid: number | undefined) =>
    history.write({ t: 'proc', at: Date.now(), name, event, pid });

  const bundle = await ensureWorkflowBundle(root);
  const adminToken = `mir_admin_chaos_${randomBytes(24).toString('base64url')}`;
  const postgres = new ChaosPostgres(dataDir, await freePort(), log('postgres'));
  const temporal = new ChaosTemporal(dataDir, await freePort(), await freePort(), log('temporal'));
  await postgres.start();
  record('postgres')('up', undefined);
  await migrateDatabase(postgres.url);
  await temporal.start();
  record('temporal')('up', temporal.pid);

  const common = {
    NODE_ENV: 'development',
    DATABASE_URL: postgres.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: 'default',
    MIR_ADMIN_TOKEN: adminToken,
    MIR_WEBHOOK_SECRET_KEY: randomBytes(32).toString('base64url'),
    MIR_WORKFLOW_BUNDLE: bundle,
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
    MIR_SIGNUPS_PER_IP_PER_HOUR: '1000000',
    MIR_MAIL_RETRY_MS: '5000',
    MIR_WEBHOOK_RETRY_SCHEDULE_MS: RETRY_SCHEDULE_MS,
    MIRA_START_RETRY_INTERVAL_MS: '5000',
    MIR_ERASURE_GRACE_SECONDS: ERASURE_GRACE_SECONDS,
  };
  const receiverPort = await freePort();
  const transcriptsPort = await freePort();
  const receiptsFile = path.join(root, 'receipts.ndjson');
  const peers = [
    new Service({
      name: 'receiver',
      script: 'scripts/chaos/peer.ts',
      args: ['receiver', String(receiverPort), receiptsFile, String(seed)],
      env: {},
      logFile: log('receiver'),
      ready: { url: `http://127.0.0.1:${receiverPort}/health` },
      onEvent: record('receiver'),
    }),
    new Service({
      name: 'transcripts',
      script: 'scripts/chaos/peer.ts',
      args: ['transcripts', String(transcriptsPort)],
      env: {},
      logFile: log('transcripts'),
      ready: { url: `http://127.0.0.1:${transcriptsPort}/health` },
      onEvent: record('transcripts'),
    }),
  ];
  const workers = ['worker-1', 'worker-2'].map(
    (name) =>
      new Service({
        name,
        script: 'worker.ts',
        env: { ...common, MIR_DATA_DIR: path.join(dataDir, name) },
        logFile: log(name),
        ready: { logLine: /worker polling/ },
        onEvent: record(name),
      }),
  );
  const ports = new Map<string, number>();
  for (const name of ['api-1', 'api-2']) ports.set(name, await freePort());
  const apiUrl = (name: string) => `http://127.0.0.1:${ports.get(name)}`;
  const apis = [...ports.keys()].map(
    (name) =>
      new Service({
        name,
        script: 'src/api/main.ts',
        env: {
          ...common,
          PORT: String(ports.get(name)),
          HOST: '127.0.0.1',
          MIR_DATA_DIR: path.join(dataDir, name),
          // Small, so the flood fault can fill it (its production default is 10,000).
          MIR_EVENT_QUEUE_MAX: '20',
        },
        logFile: log(name),
        ready: { url: `${apiUrl(name)}/health` },
        onEvent: record(name),
      }),
  );
  const all = [...peers, ...workers, ...apis];
  await Promise.all(all.map((s) => s.start()));

  return {
    root,
    logDir,
    adminToken,
    postgres,
    temporal,
    apis,
    workers,
    peers,
    apiUrl,
    receiverUrl: (label) => `http://127.0.0.1:${receiverPort}/hooks/${label}`,
    transcriptUrl: (p) => `http://127.0.0.1:${transcriptsPort}${p}`,
    receiptsFile,
    async stop() {
      await Promise.all([...apis, ...workers].map((s) => s.stop()));
      await Promise.all(peers.map((s) => s.stop()));
      temporal.resume();
      await temporal.stop();
      await postgres.stop();
    },
  };
}
