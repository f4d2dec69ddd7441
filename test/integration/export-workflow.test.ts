import { randomBytes } from 'node:crypto';
import { createExportActivities } from '../../src/activities/exports';
import { exportDocument } from '../../src/api/schemas/exports';
import { createDatabase } from '../../src/db/client';
import { INITIAL_PROGRESS } from '../../src/domain/exports';
import { workflowIds } from '../../src/domain/workflow-ids';
import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import { testSql } from '../helpers/db';
import { testEnv } from '../helpers/env';
import { linkByCode } from '../helpers/erasure';
import { seedEvents } from '../helpers/events';
import { askExport, downloadExport, exportReaches, readyExport } from '../helpers/exports';
import { createOrg } from '../helpers/http';
import { signupAndLogin } from '../helpers/linking';
import { type NpmProcess, terminate } from '../helpers/npm-process';
import { maybeRecordHistory } from '../helpers/spawn';
import { eventually, useTemporalClient } from '../helpers/temporal';
import { startWorkerOn } from '../helpers/worker-process';

jest.setTimeout(300_000);

const sql = testSql();
const temporal = useTemporalClient();
afterAll(() => sql.end());

/** A person linked to one new partner with `events` events about them. */
async function personWithEvents(events: number) {
  const person = await signupAndLogin();
  const org = await createOrg(`Export partner ${randomBytes(3).toString('hex')}`);
  const partner = { id: org.id, apiKey: org.apiKey, userId: `ext-${randomBytes(8).toString('hex')}`, webhookId: null };
  await seedEvents(
    org.apiKey,
    Array.from({ length: events }, (_, n) => ({ type: 'review.posted', userId: partner.userId, data: { n } })),
  );
  await linkByCode(partner, person.token);
  return person;
}

describe('the data-export workflow', () => {
  // An API and a worker of their own, on their own task queue, with a 4-second TTL.
  const queue = `export-ttl-${process.pid}`;
  let api: ApiProcess;
  let worker: NpmProcess;
  beforeAll(async () => {
    const env = { TEMPORAL_TASK_QUEUE: queue, MIR_EXPORT_TTL_SECONDS: '4' };
    [api, worker] = await Promise.all([startApiProcess(env), startWorkerOn(queue, env)]);
  });
  afterAll(async () => {
    await Promise.all([api?.stop(), worker && terminate(worker)]);
  });

  it('removes the file once its time is up: EXPIRED, 410, no chunk left, the workflow done', async () => {
    const person = await personWithEvents(3);
    const exportId = await readyExport(person.token, api.url);
    expect((await downloadExport(person.token, exportId, api.url)).status).toBe(200);
    const handle = temporal.client.workflow.getHandle(workflowIds.dataExport(exportId));
    expect(await handle.result()).toMatchObject({ exportId, phase: 'EXPIRED' });
    await maybeRecordHistory(handle, 'data-export-expired.json');
    await exportReaches(person.token, exportId, 'EXPIRED', api.url);
    const gone = await downloadExport(person.token, exportId, api.url);
    expect(gone.status).toBe(410);
    expect(gone.body.error.code).toBe('export_expired');
    expect(await sql`select seq from export_chunks where export_id = ${exportId}`).toEqual([]);
    expect(await sql`select status from data_exports where id = ${exportId}`).toEqual([{ status: 'EXPIRED' }]);
  });
});

describe('a data export whose worker is killed midway', () => {
  // Its own task queue, API and workers, so the test can kill a worker without touching the stack's.
  const queue = `export-kill-${process.pid}`;
  let api: ApiProcess;
  const workers: NpmProcess[] = [];
  beforeAll(async () => {
    api = await startApiProcess({ TEMPORAL_TASK_QUEUE: queue });
  });
  afterAll(async () => {
    await Promise.all([api?.stop(), ...workers.map((w) => terminate(w))]);
  });

  it('finishes on a new worker: every chunk once and in order, every event once', async () => {
    const person = await personWithEvents(20_000);
    workers.push(await startWorkerOn(queue));
    const asked = await askExport(person.token, api.url);
    expect(asked.status).toBe(202);
    const { exportId } = asked.body;
    // Some chunks committed (polled closely: the whole export takes a second or two)...
    for (
      let i = 0;
      (await sql`select 1 from export_chunks where export_id = ${exportId} and seq >= 2`).length === 0;
      i++
    ) {
      if (i > 6_000) throw new Error('no chunk written in a minute');
      await new Promise((r) => setTimeout(r, 10));
    }
    // ...then the export's row held, so the worker's next step waits for it with its transaction open.
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holding = sql.begin(async (tx) => {
      await tx`select 1 from data_exports where id = ${exportId} for update`;
      locked();
      await new Promise<void>((r) => (release = r));
    });
    await isLocked;
    await eventually(async () => {
      const waiting = await sql`select 1 from pg_stat_activity
                                 where wait_event_type = 'Lock' and query ilike '%from "data_exports"%for update%'`;
      return waiting.length > 0 ? true : undefined;
    });
    const [midway] = await sql`select progress->>'stage' as stage from data_exports where id = ${exportId}`;
    expect(midway).toEqual({ stage: 'events' });

    await terminate(workers[0]!, 'SIGKILL');
    release();
    await holding;
    workers.push(await startWorkerOn(queue)); // picks the step up again once its heartbeat is missed

    await exportReaches(person.token, exportId, 'READY', api.url, 120_000);
    const chunks = await sql<
      { seq: number }[]
    >`select seq from export_chunks where export_id = ${exportId} order by seq`;
    expect(chunks.map((c) => c.seq)).toEqual(chunks.map((_, i) => i));
    const res = await downloadExport(person.token, exportId, api.url);
    const ns = exportDocument.parse(res.body).events.map((e) => (e.data as { n: number }).n);
    expect(ns.sort((x, y) => x - y)).toEqual(Array.from({ length: 20_000 }, (_, n) => n));
  });
});

describe('writing an export', () => {
  it('two writers at once (a retried step while the first still runs) write every page once, in order', async () => {
    const person = await personWithEvents(45);
    // Written here only: a row with no workflow start queued, so no worker writes it too.
    const exportId = `exp_test${randomBytes(10).toString('hex')}`;
    await sql`insert into data_exports (id, mir_user_id, progress, created_at)
              values (${exportId}, ${person.id}, ${sql.json(INITIAL_PROGRESS as never)}, date_trunc('milliseconds', now()))`;
    // On a task queue no worker serves: the ready mail stays queued, to be counted.
    const database = createDatabase(testEnv().databaseUrl, { max: 4, taskQueue: `export-writers-${exportId}` });
    try {
      const activities = createExportActivities(database.db);
      // Pages of 4 events: a dozen chunks, two writers racing for each step.
      const write = async () => {
        for (;;) {
          const batch = await activities.writeExportChunks({ exportId, maxSteps: 1, pageRows: 4 });
          if (batch.done || batch.gone) return;
        }
      };
      await Promise.all([write(), write(), write()]);
      expect(await activities.finishExport({ exportId })).toMatchObject({ expiresAt: expect.any(String) });
      // Asked again (a retry after its commit): the same expiry, no second mail.
      await activities.finishExport({ exportId });
      expect(
        (await sql`select 1 from mail_queue where mir_user_id = ${person.id} and kind = 'export-ready'`).length,
      ).toBe(1);
    } finally {
      await database.close();
      await sql`delete from mail_queue where mir_user_id = ${person.id}`;
    }
    const chunks = await sql<
      { seq: number }[]
    >`select seq from export_chunks where export_id = ${exportId} order by seq`;
    expect(chunks.map((c) => c.seq)).toEqual(chunks.map((_, i) => i));
    expect(chunks.length).toBeGreaterThan(12);
    const res = await downloadExport(person.token, exportId);
    expect(res.status).toBe(200);
    const doc = exportDocument.parse(res.body);
    expect(doc.events.map((e) => (e.data as { n: number }).n).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 45 }, (_, n) => n),
    );
  });
});
