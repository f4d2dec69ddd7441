import { randomUUID } from 'node:crypto';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../src/activities';
import { createDatabase } from '../../src/db/client';
import { workflowIds } from '../../src/domain/workflow-ids';
import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import { testSql } from '../helpers/db';
import { testEnv } from '../helpers/env';
import { keyHeaders, uniqueUserId } from '../helpers/events';
import { createOrg, http } from '../helpers/http';
import { invite } from '../helpers/linking';
import { freshDomain, signUp } from '../helpers/members';
import { type NpmProcess, terminate } from '../helpers/npm-process';
import { TcpProxy } from '../helpers/tcp-proxy';
import { eventually, runsOf, useTemporalClient, workflowIsUnknown } from '../helpers/temporal';
import { WebhookReceiver } from '../helpers/webhook-receiver';
import { runWorkerOn, startWorkerOn } from '../helpers/worker-process';

jest.setTimeout(600_000);
const sql = testSql();
const temporal = useTemporalClient();
const workers: NpmProcess[] = [];
const apis: ApiProcess[] = [];
let proxy: TcpProxy;
/** Temporal behind the proxy, for the workers under test; the test itself talks to Temporal directly. */
let proxied: string;

beforeAll(async () => {
  const [host, port] = testEnv().temporalAddress.split(':');
  proxy = new TcpProxy({ host: host!, port: Number(port) });
  proxied = await proxy.start();
});
afterAll(async () => {
  const alive = workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
  await Promise.all(alive.map((w) => terminate(w)));
  await Promise.all(apis.map((a) => a.stop()));
  await proxy.stop();
  await sql.end();
});

/** An API on a queue of its own; nothing it queues starts until a worker of that queue runs. */
async function apiOn(queue: string) {
  const api = await startApiProcess({ TEMPORAL_TASK_QUEUE: queue });
  apis.push(api);
  return api;
}

const waiting = async (queue: string) =>
  (await sql`select count(*)::int as n from workflow_starts where task_queue = ${queue}`)[0]!.n as number;

/** Rows nobody holds: a probe that locks nothing it finds (its transaction rolls back). */
const unclaimed = (queue: string) =>
  sql.begin(async (tx) => {
    const rows = await tx`select id from workflow_starts where task_queue = ${queue} for update skip locked`;
    return rows.length;
  });

/** The dispatcher's own count of what it started, summed over a worker's log lines. */
function dispatched(worker: NpmProcess) {
  const lines = worker
    .output()
    .split('\n')
    .filter((l) => l.includes('"workflow starts dispatched"'))
    .map((l) => JSON.parse(l) as { started: number; alreadyStarted: number; failed: number });
  return lines.reduce(
    (sum, l) => ({
      started: sum.started + l.started,
      already: sum.already + l.alreadyStarted,
      failed: sum.failed + l.failed,
    }),
    { started: 0, already: 0, failed: 0 },
  );
}

describe('the workflow start dispatcher', () => {
  it('killed mid-batch (SIGKILL) loses and duplicates nothing, not even a run that had already ended', async () => {
    const queue = `mir-kill-dispatch-${randomUUID()}`;
    const api = await apiOn(queue);
    // Member auto-links may run again under their id (a later verification): only the start's
    // request id keeps a repeated start from running a finished one a second time.
    const people = [];
    for (let i = 0; i < 6; i += 1) {
      const person = await signUp(`k${i}@${freshDomain()}`, api.url);
      await person.verify();
      people.push(person);
    }
    const org = await createOrg();
    const invites = await Promise.all(
      Array.from({ length: 30 }, () => invite(org.apiKey, uniqueUserId(), {}, api.url)),
    );
    const ids = [
      ...people.map((p) => workflowIds.memberAutoLink(p.id)),
      ...invites.map((i) => workflowIds.linkRequest({ kind: 'invite', id: i.inviteId })),
    ];
    expect(await waiting(queue)).toBe(ids.length);

    // Temporal's answers come slowly: the batch is in flight long enough to be killed in it.
    proxy.delayMs = 250;
    const first = runWorkerOn(queue, { TEMPORAL_ADDRESS: proxied, MIR_TEMPORAL_CALL_TIMEOUT_MS: '120000' });
    workers.push(first);
    const started = await eventually(async () => {
      const known = await Promise.all(ids.map(async (id) => !(await workflowIsUnknown(temporal.client, id))));
      return known.some(Boolean) ? known : undefined;
    }, 120_000);
    await terminate(first, 'SIGKILL');
    proxy.delayMs = 0;
    // Its transaction died with it: every row is back, some of their workflows started, some not.
    await eventually(async () => ((await unclaimed(queue)) === ids.length ? true : undefined));
    const now = await Promise.all(ids.map(async (id) => !(await workflowIsUnknown(temporal.client, id))));
    expect(now.some(Boolean) && !now.every(Boolean)).toBe(true);
    expect(started.filter(Boolean).length).toBeGreaterThan(0);

    // The started auto-links run to their end on a bare worker (no dispatcher) before the restart.
    const runIds = await runStartedAutoLinksToTheEnd(
      queue,
      people.map((p) => workflowIds.memberAutoLink(p.id)),
    );

    workers.push(await startWorkerOn(queue));
    await eventually(async () => ((await waiting(queue)) === 0 ? true : undefined), 60_000);
    for (const id of ids) expect(await runsOf(temporal.client, id)).toHaveLength(1);
    for (const [id, runId] of runIds) {
      expect((await temporal.client.workflow.getHandle(id).describe()).runId).toBe(runId);
    }
  });

  it('two dispatchers at once start each row once', async () => {
    const queue = `mir-two-dispatchers-${randomUUID()}`;
    const api = await apiOn(queue);
    const receiver = new WebhookReceiver();
    const url = await receiver.start();
    try {
      const org = await createOrg();
      const headers = keyHeaders(org.apiKey);
      // 120 endpoints: one change queues 120 deliveries in one transaction, more than one batch (100).
      for (let i = 0; i < 120; i += 1) {
        const hook = await http('POST', '/v1/webhooks', { headers, body: { url, eventTypes: ['agent.created'] } });
        expect(hook.status).toBe(201);
      }
      const [a, b] = await Promise.all([
        startWorkerOn(queue, { TEMPORAL_ADDRESS: proxied }),
        startWorkerOn(queue, { TEMPORAL_ADDRESS: proxied }),
      ]);
      workers.push(a, b);
      // Temporal's answers are held: each dispatcher keeps the batch it claimed in flight.
      proxy.pause();
      try {
        // Through the API of this queue: the deliveries' starts are its queue's.
        const body = { name: 'announced', type: 'SERVICE_ACCOUNT', preset: 'reconciler' };
        expect((await http('POST', '/v1/agents', { baseUrl: api.url, headers, body })).status).toBe(201);
        expect(await waiting(queue)).toBe(120);
        // One dispatcher holds at most 100: both hold theirs at once, and no row is in both.
        await eventually(async () => ((await unclaimed(queue)) === 0 ? true : undefined));
      } finally {
        proxy.resume();
      }
      await eventually(async () => ((await waiting(queue)) === 0 ? true : undefined), 60_000);
      const counts = [dispatched(a), dispatched(b)];
      expect(counts.every((c) => c.started > 0)).toBe(true);
      expect(counts.reduce((n, c) => n + c.started, 0)).toBe(120);
      expect(counts.map((c) => c.already + c.failed)).toEqual([0, 0]);
      const deliveries = await sql`select id from webhook_deliveries where organization_id = ${org.id}`;
      expect(deliveries).toHaveLength(120);
      for (const d of deliveries.slice(0, 10)) {
        expect(await runsOf(temporal.client, workflowIds.webhookDelivery(d.id))).toHaveLength(1);
      }
    } finally {
      await receiver.stop();
    }
  });
});

/** Runs the given workflows' started runs to completion on an in-process worker without a dispatcher. */
async function runStartedAutoLinksToTheEnd(queue: string, candidates: string[]) {
  const startedIds = [];
  for (const id of candidates) if (!(await workflowIsUnknown(temporal.client, id))) startedIds.push(id);
  const database = createDatabase(testEnv().databaseUrl, { max: 2, taskQueue: queue });
  const connection = await NativeConnection.connect({ address: testEnv().temporalAddress });
  const worker = await Worker.create({
    connection,
    taskQueue: queue,
    workflowBundle: { codePath: testEnv().workflowBundle },
    activities: createActivities(database.db),
  });
  const running = worker.run();
  try {
    const runIds = new Map<string, string>();
    for (const id of startedIds) {
      const handle = temporal.client.workflow.getHandle(id);
      await handle.result();
      runIds.set(id, (await handle.describe()).runId);
    }
    return runIds;
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
    await database.close();
  }
}
