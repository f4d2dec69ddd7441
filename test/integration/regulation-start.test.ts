import { type Server, type Socket, createServer } from 'node:net';
import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import { testSql } from '../helpers/db';
import { keyHeaders, postEvent, seedEvents, uniqueUserId } from '../helpers/events';
import { createOrg, http } from '../helpers/http';
import { eventually } from '../helpers/temporal';

jest.setTimeout(240_000);

const sql = testSql();
let blackhole: Server;
const sockets: Socket[] = [];
let api: ApiProcess;

/**
 * An API process whose Temporal accepts connections and never answers (500 ms Temporal deadline),
 * on the stack's task queue: what it queues, the stack worker's dispatcher starts.
 */
beforeAll(async () => {
  blackhole = createServer((s) => sockets.push(s));
  await new Promise<void>((r) => blackhole.listen(0, '127.0.0.1', r));
  const port = (blackhole.address() as { port: number }).port;
  api = await startApiProcess(
    { TEMPORAL_ADDRESS: `127.0.0.1:${port}`, MIR_TEMPORAL_CALL_TIMEOUT_MS: '500' },
    180_000,
    '/health',
  );
}, 200_000);
afterAll(async () => {
  await api?.stop();
  for (const s of sockets) s.destroy();
  await new Promise((r) => blackhole.close(r));
  await sql.end();
});

describe('a regulation accepted by an API that cannot reach Temporal', () => {
  it('answers 202 and runs all the same: its start waits in the outbox, committed with it', async () => {
    const org = await createOrg();
    const userId = uniqueUserId('outboxed');
    await seedEvents(
      org.apiKey,
      Array.from({ length: 5 }, () => ({ type: 'review.posted', userId })),
    );
    const res = await http('POST', '/v1/users/regulations', {
      baseUrl: api.url,
      headers: keyHeaders(org.apiKey),
      body: { type: 'SUPPRESS_WITH_DELETE', userIds: [userId] },
    });
    // Before the outbox this API answered 503: its start of the workflow timed out.
    expect(res.status).toBe(202);
    // In force before any workflow ran.
    expect((await postEvent(org.apiKey, { type: 'review.posted', userId })).status).toBe(409);
    const done = await eventually(async () => {
      const got = await http('GET', `/v1/users/regulations/${res.body.regulationId}`, {
        headers: keyHeaders(org.apiKey),
      });
      return got.body.status === 'COMPLETED' ? got.body : undefined;
    }, 60_000);
    expect(done.counts).toEqual({ users: 1, events: 5, decisions: 0, linksEnded: 0 });
    const [left] = await sql`select count(*)::int as n from events where organization_id = ${org.id}`;
    expect(left!.n).toBe(0);
  });
});
