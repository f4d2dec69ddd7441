import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMiraClient, createMirClient } from '@mir/client';

/**
 * The SDK's own behaviour, against a real HTTP server that answers from a script: which answers it
 * retries, how long it waits, and which headers each attempt carries. (client-sdk.test.ts does the
 * same against the real API.)
 */
type Answer = { status: number; headers?: Record<string, string>; body?: unknown };
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}

let server: Server;
let baseUrl: string;
let script: Answer[] = [];
let seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (d) => (body += String(d)));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body, at: Date.now() });
      const answer = script.shift() ?? { status: 500, body: { error: { code: 'internal_error' } } };
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeAllConnections();
  await closed;
});
beforeEach(() => {
  script = [];
  seen = [];
});

const EVENT = { type: 'review.posted', userId: 'user_48213' };
const CREATED = { status: 201, body: { id: 'evt_1', ...EVENT, significance: 'normal' } };
const limited = (retryAfter: string): Answer => ({
  status: 429,
  headers: { 'retry-after': retryAfter },
  body: { error: { code: 'rate_limited', message: 'slow down', requestId: 'req_1' } },
});
const unavailable: Answer = {
  status: 503,
  headers: { 'retry-after': '0' },
  body: { error: { code: 'service_unavailable', message: 'later', requestId: 'req_2' } },
};

describe('createMirClient', () => {
  it('sends x-api-key, and one generated Idempotency-Key on a write and on each of its retries', async () => {
    script = [unavailable, unavailable, CREATED];
    const mir = createMirClient({ baseUrl, apiKey: 'mir_live_test' });
    const { data, error, response } = await mir.createEvent({ body: EVENT });
    expect([response?.status, data?.id, error]).toEqual([201, 'evt_1', undefined]);
    expect(seen).toHaveLength(3);
    const keys = seen.map((s) => s.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys)).toEqual(new Set([keys[0]]));
    expect(seen.map((s) => [s.method, s.url, s.headers['x-api-key'], JSON.parse(s.body)])).toEqual(
      Array(3).fill(['POST', '/events', 'mir_live_test', EVENT]),
    );
    // The next call is another write: a key of its own.
    script = [CREATED];
    await mir.createEvent({ body: EVENT });
    expect(seen[3]!.headers['idempotency-key']).not.toBe(keys[0]);
  });

  it('keeps the Idempotency-Key the caller gives, and sends none on a read', async () => {
    script = [limited('0'), CREATED, { status: 200, body: { events: [], nextCursor: null } }];
    const mir = createMirClient({ baseUrl, apiKey: 'k' });
    await mir.createEvent({ body: EVENT, headers: { 'Idempotency-Key': 'order-1234' } });
    await mir.listEvents();
    expect(seen.map((s) => [s.method, s.headers['idempotency-key']])).toEqual([
      ['POST', 'order-1234'],
      ['POST', 'order-1234'],
      ['GET', undefined],
    ]);
  });

  it('waits the Retry-After a 429 names before it retries', async () => {
    script = [limited('1'), CREATED];
    const { response } = await createMirClient({ baseUrl, apiKey: 'k' }).createEvent({ body: EVENT });
    expect(response?.status).toBe(201);
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('answers a 429 at once when its Retry-After is past maxDelaySeconds, typed as the API error', async () => {
    script = [limited('120')];
    const mir = createMirClient({ baseUrl, apiKey: 'k', retries: { maxDelaySeconds: 30 } });
    const { data, error, response } = await mir.createEvent({ body: EVENT });
    expect([response?.status, data, error?.error.code, seen.length]).toEqual([429, undefined, 'rate_limited', 1]);
  });

  it('stops after maxAttempts and returns the last answer', async () => {
    script = [unavailable, unavailable, unavailable, unavailable];
    const mir = createMirClient({ baseUrl, apiKey: 'k', retries: { maxAttempts: 2 } });
    const { error, response } = await mir.createEvent({ body: EVENT });
    expect([response?.status, error?.error.code, seen.length]).toEqual([503, 'service_unavailable', 2]);
  });

  it.each([400, 401, 403, 404, 409, 422])('never retries a %i', async (status) => {
    script = [{ status, body: { error: { code: 'validation_failed', message: 'no', requestId: 'r' } } }, CREATED];
    const { error, response } = await createMirClient({ baseUrl, apiKey: 'k' }).createEvent({ body: EVENT });
    expect([response?.status, error?.error.code, seen.length]).toEqual([status, 'validation_failed', 1]);
  });

  it('sends the admin token as a bearer token, and encodes odd bytes in a path id', async () => {
    script = [{ status: 200, body: {} }];
    await createMirClient({ baseUrl, adminToken: 'tok' }).adminGetRevocation({
      path: { operationId: 'op_\u0000/../x y' },
    });
    expect([seen[0]!.url, seen[0]!.headers.authorization]).toEqual([
      '/admin/revocations/op_%00%2F..%2Fx%20y',
      'Bearer tok',
    ]);
  });
});

describe('createMiraClient', () => {
  it('sends Authorization: Bearer <mira key> and retries a 503 with the same key', async () => {
    script = [unavailable, { status: 201, body: { data: { id: 'usr_1' }, error: null, meta: null } }];
    const mira = createMiraClient({ baseUrl, apiKey: 'mira_live_test' });
    const { data } = await mira.createUser({ body: { name: 'Jane Smith', email: 'jane@example.com' } });
    expect(data?.data.id).toBe('usr_1');
    expect(seen.map((s) => [s.url, s.headers.authorization])).toEqual(
      Array(2).fill(['/api/v1/users', 'Bearer mira_live_test']),
    );
    expect(seen[1]!.headers['idempotency-key']).toBe(seen[0]!.headers['idempotency-key']);
  });
});
