import { randomUUID } from 'node:crypto';
import { workflowIds } from '../../src/domain/workflow-ids';
import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import { runMir } from '../helpers/cli';
import { testSql } from '../helpers/db';
import {
  bearer,
  cancelErasure,
  erasureOf,
  linkedPerson,
  loginFrom,
  requestErasure,
  resolve,
} from '../helpers/erasure';
import { http } from '../helpers/http';
import { type NpmProcess, terminate } from '../helpers/npm-process';
import { freePort } from '../helpers/ports';
import { eventually, historyEvents, runsOf, useTemporalClient, whenStarted, workflowIsUnknown } from '../helpers/temporal';
import { startWorkerOn } from '../helpers/worker-process';

jest.setTimeout(600_000);
const sql = testSql();
const temporal = useTemporalClient();
/** Only a worker of this queue sends what the API below queues: none runs until a test starts one. */
const queue = `mir-erasure-outbox-${randomUUID()}`;
let cutOff: ApiProcess;
let worker: NpmProcess | undefined;

beforeAll(async () => {
  // Temporal's address is a closed port: this API cannot reach Temporal at all.
  const closed = `127.0.0.1:${await freePort()}`;
  cutOff = await startApiProcess({ TEMPORAL_ADDRESS: closed, TEMPORAL_TASK_QUEUE: queue }, 120_000, '/health');
});
afterAll(async () => {
  if (worker) await terminate(worker);
  await cutOff?.stop();
  await sql.end();
});

const queued = (workflowId: string) =>
  sql`select signal, task_queue from workflow_starts where workflow_id = ${workflowId}`.then((rows) => [...rows]);
const drained = (workflowId: string) =>
  eventually(async () => ((await queued(workflowId)).length === 0 ? true : undefined), 60_000);
const signals = async (workflowId: string) =>
  (await historyEvents(temporal.client.workflow.getHandle(workflowId))).filter(
    (e) => e.workflowExecutionSignaledEventAttributes,
  ).length;
const WAKE_UP = { signal: 'erasureChanged', task_queue: queue };

async function stopWorker() {
  if (worker) await terminate(worker);
  worker = undefined;
}

describe('the erasure workflow starts and wakes through the outbox (signal-with-start)', () => {
  it('asked twice at once with Temporal unreachable: 202 at once, one erasure, one queued wake-up; a worker then starts it once, signalled once', async () => {
    await stopWorker();
    const person = await linkedPerson({ partners: 1, events: 1 });
    const id = workflowIds.erasure(person.id);
    const [first, second] = await Promise.all([
      requestErasure(person.token, person.password, cutOff.url),
      requestErasure(person.token, person.password, cutOff.url),
    ]);
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(second.body.erasureId).toBe(first.body.erasureId);
    // In force at once: the partner no longer sees the shared history.
    expect((await resolve(person.partners[0]!)).body.linked).toBe(false);
    expect(await queued(id)).toEqual([WAKE_UP]);
    expect(await workflowIsUnknown(temporal.client, id)).toBe(true);

    // What an operator sees: the waiting start, as a signal-with-start.
    const outbox = await runMir(['outbox', '--limit', '500']);
    expect(outbox.code).toBe(0);
    expect(outbox.stdout).toContain(`${id}  signal-with-start erasureChanged  queue ${queue}  age `);

    worker = await startWorkerOn(queue);
    await drained(id);
    expect(await runsOf(temporal.client, id)).toEqual([{ runId: expect.any(String), status: 'RUNNING' }]);
    expect(await signals(id)).toBe(1);
    expect((await erasureOf(person.token, cutOff.url)).body.status).toBe('SCHEDULED');
    expect((await cancelErasure(person.token)).status).toBe(200);
  });

  it('cancelled twice at once with Temporal unreachable: 200 and 404 at once, links back; the waiting run then gets one more signal and ends', async () => {
    worker ??= await startWorkerOn(queue);
    const person = await linkedPerson({ partners: 1, events: 1 });
    const id = workflowIds.erasure(person.id);
    expect((await requestErasure(person.token, person.password, cutOff.url)).status).toBe(202);
    const handle = await whenStarted(temporal.client, id);
    await drained(id);
    expect(await signals(id)).toBe(1);

    await stopWorker();
    const cancels = await Promise.all([cancelErasure(person.token, cutOff.url), cancelErasure(person.token, cutOff.url)]);
    expect(cancels.map((c) => c.status).sort()).toEqual([200, 404]);
    expect((await resolve(person.partners[0]!)).body.linked).toBe(true);
    expect(await queued(id)).toEqual([WAKE_UP]);
    expect((await handle.describe()).status.name).toBe('RUNNING');

    worker = await startWorkerOn(queue);
    expect(await handle.result()).toBeNull();
    await drained(id);
    expect(await signals(id)).toBe(2);
    expect(await runsOf(temporal.client, id)).toEqual([{ runId: expect.any(String), status: 'COMPLETED' }]);
  });

  it('asked, then cancelled before any worker runs: the workflow finds nothing open and ends, erasing nothing', async () => {
    await stopWorker();
    const person = await linkedPerson({ partners: 1, events: 1 });
    const id = workflowIds.erasure(person.id);
    expect((await requestErasure(person.token, person.password, cutOff.url)).status).toBe(202);
    expect((await cancelErasure(person.token, cutOff.url)).status).toBe(200);
    // Each change wakes the workflow after its own commit: two rows, never folded into one.
    expect(await queued(id)).toEqual([WAKE_UP, WAKE_UP]);

    worker = await startWorkerOn(queue);
    await drained(id);
    expect(await temporal.client.workflow.getHandle(id).result()).toBeNull();
    // However the two wake-ups met the runs, every run ended without erasing.
    const runs = await runsOf(temporal.client, id);
    expect(runs.every((r) => r.status === 'COMPLETED')).toBe(true);
    expect((await loginFrom(person.email, person.password, cutOff.url)).status).toBe(200);
    expect((await resolve(person.partners[0]!)).body).toMatchObject({ linked: true, eventCount: 1 });
  });

  it('unexpected bytes in the body: the one error shape, nothing asked or cancelled, nothing queued', async () => {
    const person = await linkedPerson({ partners: 1, events: 1 });
    const id = workflowIds.erasure(person.id);
    const pw = person.password;
    const json = 'application/json';
    // [what, content type, body, status]: a body that is not JSON, or holds text Postgres cannot store.
    const odd: [string, string, string | Buffer, number][] = [
      ['a raw NUL byte', json, `{"password":"${pw}\u0000"}`, 400],
      ['an escaped NUL', json, `{"password":"${pw}\\u0000"}`, 400],
      ['a lone surrogate', json, `{"password":"${pw}\\ud800"}`, 400],
      ['broken JSON', json, `{"password":"${pw}"`, 400],
      ['form fields', json, `password=${encodeURIComponent(pw)}`, 400],
      ['text/plain', 'text/plain', JSON.stringify({ password: pw }), 415],
    ];
    const refused = async (method: 'POST' | 'DELETE') => {
      for (const [what, contentType, rawBody, status] of odd) {
        const headers = { ...bearer(person.token), 'content-type': contentType };
        const res = await http(method, '/v1/me/erasure', { baseUrl: cutOff.url, headers, rawBody });
        expect({ what, method, status: res.status, body: res.body }).toEqual({
          what,
          method,
          status,
          body: { error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }) },
        });
      }
    };
    await refused('POST');
    // Bytes that are not UTF-8 read as U+FFFD, as in every body the API takes: a wrong password.
    const notUtf8 = Buffer.concat([Buffer.from(`{"password":"${pw}`), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const headers = { ...bearer(person.token), 'content-type': json };
    const wrong = await http('POST', '/v1/me/erasure', { baseUrl: cutOff.url, headers, rawBody: notUtf8 });
    expect([wrong.status, wrong.body.error.code]).toEqual([401, 'invalid_credentials']);
    expect((await erasureOf(person.token, cutOff.url)).status).toBe(404);
    expect(await queued(id)).toEqual([]);
    expect((await resolve(person.partners[0]!)).body.linked).toBe(true);

    await stopWorker();
    expect((await requestErasure(person.token, person.password, cutOff.url)).status).toBe(202);
    await refused('DELETE');
    expect((await erasureOf(person.token, cutOff.url)).body.status).toBe('SCHEDULED');
    expect(await queued(id)).toEqual([WAKE_UP]);
    expect((await cancelErasure(person.token, cutOff.url)).status).toBe(200);
  });
});
