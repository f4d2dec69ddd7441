import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { testEnv } from '../helpers/env';
import { adminHeaders, createOrg, http } from '../helpers/http';

/**
 * Requests to an exact path (POST /resolve) with a plain JSON body skip Express's router and
 * body-parser; the same path with a trailing slash (POST /resolve/) is Express's whole way. Every
 * request here goes to both, and the answers must be the same but for the request id.
 */
interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

function send(method: string, target: string, headers: Record<string, string>, body?: Buffer, chunked = false) {
  const url = new URL(testEnv().apiUrl);
  return new Promise<Answer>((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path: target, insecureHTTPParser: true }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : text });
      });
    });
    req.on('error', reject);
    for (const [name, value] of Object.entries(headers)) req.setHeader(name, value);
    if (body && !chunked) req.setHeader('content-length', body.length);
    req.end(body);
  });
}

/** What must match: volatile headers (date, request id, rate-limit counters) and the request id left out. */
function comparable(answer: Answer) {
  const { date: _d, 'x-request-id': _r, 'ratelimit-remaining': _m, 'ratelimit-reset': _t, ...headers } = answer.headers;
  const body = JSON.parse(JSON.stringify(answer.body).replace(/"requestId":"[^"]+"/, '"requestId":"*"')) as unknown;
  return { status: answer.status, headers, body };
}

let key: string;
beforeAll(async () => {
  key = (await createOrg('Fast dispatch')).apiKey;
  const seeded = await http('POST', '/events', {
    headers: { 'x-api-key': key },
    body: { type: 'order.completed', userId: 'fast-1' },
  });
  expect(seeded.status).toBe(201);
});

const json = { 'content-type': 'application/json' };
const text = (s: string) => Buffer.from(s, 'utf8');
const big = (bytes: number) => text(`{"userId":"fast-1"${' '.repeat(bytes - 19)}}`);

// Each row has all four values: jest hands a test with more parameters than its row a `done` callback.
const cases: Array<[string, Record<string, string>, Buffer | undefined, boolean]> = [
  ['a valid body', json, text('{"userId":"fast-1"}'), false],
  ['an unknown user', json, text('{"userId":"nobody"}'), false],
  ['an empty body', json, text(''), false],
  ['no body at all', {}, undefined, false],
  ['a byte-order mark first', json, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text('{"userId":"fast-1"}')]), false],
  ['white space first', json, text(' \r\n\t{"userId":"fast-1"}'), false],
  ['only white space', json, text('   '), false],
  ['a string at the top', json, text('"fast-1"'), false],
  ['a number at the top', json, text('1'), false],
  ['null at the top', json, text('null'), false],
  ['an array at the top', json, text('[]'), false],
  ['broken JSON', json, text('{"userId":'), false],
  ['an escaped NUL', json, text('{"userId":"a\\u0000b"}'), false],
  ['a raw NUL byte', json, Buffer.from('{"userId":"a\u0000b"}', 'utf8'), false],
  ['invalid UTF-8', json, Buffer.concat([text('{"userId":"'), Buffer.from([0xff, 0xfe]), text('"}')]), false],
  ['exactly 1 MiB', json, big(1024 * 1024), false],
  ['one byte over 1 MiB', json, big(1024 * 1024 + 1), false],
  ['a charset parameter', { 'content-type': 'application/json; charset=utf-8' }, text('{"userId":"fast-1"}'), false],
  ['a latin1 charset', { 'content-type': 'application/json; charset=latin1' }, text('{"userId":"fast-1"}'), false],
  ['text/plain', { 'content-type': 'text/plain' }, text('{"userId":"fast-1"}'), false],
  ['no content type', {}, text('{"userId":"fast-1"}'), false],
  ['a gzip body', { ...json, 'content-encoding': 'gzip' }, gzipSync(text('{"userId":"fast-1"}')), false],
  ['a chunked body', json, text('{"userId":"fast-1"}'), true],
  ['a tab in a header', { ...json, 'x-note': 'a\tb' }, text('{"userId":"fast-1"}'), false],
  ['a broken query escape', json, text('{"userId":"fast-1"}'), false],
];

describe('fast dispatch answers exactly as Express does', () => {
  it.each(cases)('POST /resolve with %s', async (name, headers, body, chunked) => {
    const query = name === 'a broken query escape' ? '?x=%ff' : '';
    const withKey = { ...headers, 'x-api-key': key };
    const fast = await send('POST', `/resolve${query}`, withKey, body, chunked);
    const express = await send('POST', `/resolve/${query}`, withKey, body, chunked);
    expect(comparable(fast)).toEqual(comparable(express));
    if (name === 'a valid body') expect(fast.body).toMatchObject({ userId: 'fast-1', eventCount: 1 });
  });

  it('without a key, and with a wrong one, both ways', async () => {
    for (const headers of [json, { ...json, 'x-api-key': 'mir_live_wrong' }]) {
      const fast = await send('POST', '/resolve', headers, text('{"userId":"fast-1"}'));
      const express = await send('POST', '/resolve/', headers, text('{"userId":"fast-1"}'));
      expect(fast.status).toBe(401);
      expect(comparable(fast)).toEqual(comparable(express));
    }
  });

  it('evaluates with its query string on the exact path', async () => {
    const body = text(JSON.stringify({ actor_id: 'fast-1', action: 'checkout.complete', context: { amount_usd: 10 } }));
    const fast = await send('POST', '/policy/evaluate?debug=true', { ...json, 'x-api-key': key }, body);
    expect(fast.status).toBe(200);
    expect(fast.body).toMatchObject({ actor_tier: expect.any(Number), debug: expect.anything() });
  });

  it('counts fast requests under their route template in /metrics', async () => {
    await send('POST', '/v1/resolve', { ...json, 'x-api-key': key }, text('{"userId":"fast-1"}'));
    const metrics = await http('GET', '/metrics', { headers: adminHeaders() });
    expect(metrics.text).toMatch(/mir_http_requests_total\{route="\/v1\/resolve",method="POST",status="200"\} [1-9]/);
  });

  it('a client that sends less than its Content-Length leaves the API answering', async () => {
    const url = new URL(testEnv().apiUrl);
    await new Promise<void>((resolve) => {
      const req = request({ host: url.hostname, port: url.port, method: 'POST', path: '/resolve' });
      req.setHeader('content-type', 'application/json');
      req.setHeader('x-api-key', key);
      req.setHeader('content-length', '100');
      req.on('error', () => resolve());
      req.write('{"userId":');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 100);
    });
    const after = await send('POST', '/resolve', { ...json, 'x-api-key': key }, text('{"userId":"fast-1"}'));
    expect(after.status).toBe(200);
  });
});
