import { type Server, type Socket, createServer } from 'node:net';
import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import { keyHeaders, postEvent, uniqueUserId } from '../helpers/events';
import { createOrg, http } from '../helpers/http';

jest.setTimeout(240_000);

let blackhole: Server;
const sockets: Socket[] = [];
let api: ApiProcess;

/** An API process whose Temporal accepts connections and never answers, with a 500 ms Temporal deadline. */
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
});

const regulate = (apiKey: string, body: unknown) =>
  http('POST', '/v1/users/regulations', { baseUrl: api.url, headers: keyHeaders(apiKey), body });
const get = (apiKey: string, id: string) =>
  http('GET', `/v1/users/regulations/${id}`, { baseUrl: api.url, headers: keyHeaders(apiKey) });

describe('a regulation whose workflow Temporal does not take', () => {
  it('a deletion answers 503 and is FAILED, having deleted nothing: never RUNNING without a workflow', async () => {
    const org = await createOrg();
    const userId = uniqueUserId('unstarted');
    expect((await postEvent(org.apiKey, { type: 'review.posted', userId })).status).toBe(201);
    const res = await regulate(org.apiKey, { type: 'DELETE', userIds: [userId] });
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({ code: 'worker_unavailable', details: { regulationId: expect.any(String) } });
    const failed = await get(org.apiKey, res.body.error.details.regulationId);
    expect(failed.body).toMatchObject({
      status: 'FAILED',
      failure: 'its workflow could not be started',
      counts: { events: 0 },
    });
    const resolved = await http('POST', '/resolve', { headers: keyHeaders(org.apiKey), body: { userId } });
    expect(resolved.body.eventCount).toBe(1);
  });

  it('a suppression is in force and COMPLETED all the same: it had nothing more to do', async () => {
    const org = await createOrg();
    const userId = uniqueUserId('unstarted');
    const res = await regulate(org.apiKey, { type: 'SUPPRESS', userIds: [userId] });
    expect(res.status).toBe(202);
    expect((await get(org.apiKey, res.body.regulationId)).body).toMatchObject({ status: 'COMPLETED' });
    expect((await postEvent(org.apiKey, { type: 'review.posted', userId })).status).toBe(409);
  });
});
