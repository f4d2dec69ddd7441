import { createAgent } from '../helpers/agents';
import { type Server, type Socket, connect, createServer } from 'node:net';
import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import { testSql } from '../helpers/db';
import { keyHeaders } from '../helpers/events';
import { createOrg, http } from '../helpers/http';
import { signupAndLogin } from '../helpers/linking';

const sql = testSql();
let blackhole: Server;
const sockets: Socket[] = [];
let api: ApiProcess;

/**
 * An API process whose Temporal accepts connections and never answers (a hung frontend), with a
 * 500 ms Temporal deadline, a 1.5 s response deadline and a 1 s bound on receiving headers.
 */
beforeAll(async () => {
  blackhole = createServer((s) => sockets.push(s));
  await new Promise<void>((r) => blackhole.listen(0, '127.0.0.1', r));
  const port = (blackhole.address() as { port: number }).port;
  api = await startApiProcess(
    {
      TEMPORAL_ADDRESS: `127.0.0.1:${port}`,
      MIR_TEMPORAL_CALL_TIMEOUT_MS: '500',
      MIR_RESPONSE_TIMEOUT_MS: '1500',
      MIR_HTTP_HEADERS_TIMEOUT_MS: '1000',
      MIR_HTTP_REQUEST_TIMEOUT_MS: '1000',
    },
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

describe('waits on the network are bounded', () => {
  it('a Temporal call that gets no answer fails at MIR_TEMPORAL_CALL_TIMEOUT_MS: 503, Retry-After', async () => {
    // A key rotation waits for its workflow in the request (an invite only queues its start now).
    const org = await createOrg();
    const agent = await createAgent(org.apiKey);
    const res = await http('POST', `/v1/agents/${agent.id}/key/rotate`, {
      baseUrl: api.url,
      headers: keyHeaders(org.apiKey),
    });
    expect(res.status).toBe(503);
    expect(['timeout', 'worker_unavailable']).toContain(res.body.error.code);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    // The old key still works: nothing was rotated.
    expect((await http('GET', '/v1/agents/me', { baseUrl: api.url, headers: keyHeaders(agent.apiKey) })).status).toBe(
      200,
    );
    expect((await http('GET', '/health', { baseUrl: api.url })).status).toBe(200);
  });

  it('requests that need no Temporal call are answered as usual meanwhile', async () => {
    const person = await signupAndLogin(undefined, api.url);
    const res = await http('POST', '/v1/me/links/code', {
      baseUrl: api.url,
      headers: { authorization: `Bearer ${person.token}` },
      body: { code: 'ABCD-EFGH' },
    });
    // An unknown code never reaches Temporal; the answer must still be prompt and clean.
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_code');
  });

  it('an answer that cannot come within MIR_RESPONSE_TIMEOUT_MS is a 503 (the bound "response")', async () => {
    const org = await createOrg();
    const reserved = await sql.reserve();
    await reserved`begin`;
    await reserved`select 1 from organizations where id = ${org.id} for update`;
    try {
      const res = await http('PATCH', '/portal/api/settings', {
        baseUrl: api.url,
        headers: keyHeaders(org.apiKey),
        body: { linkInviteTtlSeconds: 900 },
      });
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({ code: 'timeout', details: { bound: 'response' } });
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await reserved`rollback`;
      reserved.release();
    }
    expect((await http('GET', '/health', { baseUrl: api.url })).status).toBe(200);
  });

  it('a client that never finishes its headers is answered 408 and disconnected', async () => {
    const port = new URL(api.url).port;
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    socket.on('data', (d) => (received += String(d)));
    socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
    const closed = await new Promise<boolean>((resolve) => {
      socket.on('close', () => resolve(true));
      setTimeout(() => resolve(false), 10_000).unref();
    });
    socket.destroy();
    expect(closed).toBe(true);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(JSON.parse(received.slice(received.indexOf('\r\n\r\n') + 4)).error.code).toBe('request_timeout');
  });
});
