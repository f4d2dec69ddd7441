import { connect } from 'node:net';
import { keyHeaders } from '../helpers/events';
import { createOrg, http } from '../helpers/http';
import { signupAndLogin } from '../helpers/linking';
import { testEnv } from '../helpers/env';
import { rawRequest, utf8Bytes } from '../helpers/raw-http';

/** Every input channel is checked like a JSON body: malformed input is 400 validation_failed, never a 500. */
let ownerKey: string;
beforeAll(async () => {
  ownerKey = (await createOrg('Input channels')).apiKey;
});

const partner = () => keyHeaders(ownerKey);

function expectValidationFailed(res: { status: number; body: any }, where: string) {
  expect(res.status).toBe(400);
  expect(res.body.error).toMatchObject({
    code: 'validation_failed',
    details: [expect.objectContaining({ in: where })],
  });
  expect(typeof res.body.error.requestId).toBe('string');
}

describe('query strings', () => {
  // Found by the fuzzer: the NUL reached Postgres, which cannot store it, and the answer was a 500.
  it('a NUL byte in a query value is 400, not 500', async () => {
    const res = await http('GET', '/v1/agents/tree?rootAgentId=agent%00x', { headers: partner() });
    expectValidationFailed(res, 'query');
  });

  it.each([
    ['another control character', '/events?userId=a%1Fb'],
    ['a C1 control character', '/events?userId=a%C2%85b'],
    ['DEL', '/v1/audit?action=agent.%7F'],
    ['a broken %-escape', '/events?userId=a%ZZb'],
    ['a truncated %-escape', '/events?userId=ab%E2%82'],
    ['invalid UTF-8', '/events?userId=%C3%28'],
    ['an overlong UTF-8 encoding', '/events?userId=%C0%AF'],
  ])('%s is 400', async (_label, target) => {
    expectValidationFailed(await rawRequest('GET', target, partner()), 'query');
  });

  it('an absurdly long URL is 400', async () => {
    const res = await rawRequest('GET', `/events?userId=${'a'.repeat(9000)}`, partner());
    expectValidationFailed(res, 'path');
  });

  it('valid UTF-8 and ordinary escapes still pass', async () => {
    const res = await http('GET', `/events?userId=${encodeURIComponent('José & co/1')}`, { headers: partner() });
    expect(res.status).toBe(200);
  });
});

describe('path parameters', () => {
  it.each([
    ['a NUL byte', '/v1/agents/agent%00x'],
    ['a control character', '/v1/agents/agent%0Ax/lineage'],
    ['a broken %-escape', '/v1/agents/%E0%A4%A'],
  ])('%s is 400', async (_label, target) => {
    expectValidationFailed(await rawRequest('GET', target, partner()), 'path');
  });
});

describe('headers', () => {
  it.each([
    ['a tab', 'agent\tx'],
    ['invalid UTF-8', 'agent\xe9x'],
    ['a C1 control character as UTF-8', utf8Bytes('agent\u0085x')],
  ])('%s in a header value is 400', async (_label, value) => {
    const res = await rawRequest('GET', '/v1/agents', { ...partner(), 'x-mir-agent-id': value });
    expectValidationFailed(res, 'header');
    expect(res.body.error.details[0].path).toBe('x-mir-agent-id');
  });

  it('an absurdly long header value is 400', async () => {
    const res = await rawRequest('GET', '/v1/agents', { ...partner(), 'x-mir-agent-id': 'a'.repeat(9000) });
    expectValidationFailed(res, 'header');
  });

  it('valid UTF-8 in a header is read as text: an unknown agent, 401', async () => {
    const res = await rawRequest('GET', '/v1/agents', { ...partner(), 'x-mir-agent-id': utf8Bytes('agent-José') });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  it('a malformed Idempotency-Key is 400', async () => {
    const res = await http('POST', '/resolve', {
      headers: { ...partner(), 'idempotency-key': 'has space' },
      body: { userId: 'someone' },
    });
    expectValidationFailed(res, 'header');
  });
});

describe('cookies', () => {
  it('a control character in a cookie is 400', async () => {
    const res = await rawRequest('GET', '/v1/me', { cookie: 'mir_session=a\tb' });
    expectValidationFailed(res, 'header');
  });

  it.each([
    ['a broken %-escape', 'mir_session=%E0%A4%A'],
    ['characters no session has', 'mir_session=mir_sess_%22%3B'],
    ['an absurd length', `mir_session=${'a'.repeat(4000)}`],
  ])('a session cookie with %s is 401', async (_label, cookie) => {
    const res = await rawRequest('GET', '/v1/me', { cookie });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  it('a well-formed session cookie still logs the person in', async () => {
    const person = await signupAndLogin();
    const res = await rawRequest('GET', '/v1/me', { cookie: `other=1; mir_session=${person.token}` });
    expect(res.status).toBe(200);
    expect(res.body.email).toBe(person.email);
  });
});

describe('bytes Node itself refuses to parse', () => {
  /** Sends raw bytes on a socket and reads the whole answer until the server closes. */
  const rawBytes = (bytes: Buffer) =>
    new Promise<string>((resolve, reject) => {
      const url = new URL(testEnv().apiUrl);
      const socket = connect(Number(url.port), url.hostname);
      let answer = '';
      socket.on('data', (d) => (answer += String(d)));
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
      socket.write(bytes);
    });

  it.each([
    ['a control byte in the request line', Buffer.from('GET /health\x01x HTTP/1.1\r\nHost: x\r\n\r\n', 'latin1')],
    ['a NUL in a header name', Buffer.from('GET /health HTTP/1.1\r\nHo\x00st: x\r\n\r\n', 'latin1')],
    ['garbage instead of HTTP', Buffer.from('\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03', 'latin1')],
  ])('%s: 400 in the error envelope, and the connection closes', async (_, bytes) => {
    const answer = await rawBytes(bytes);
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
    expect(body.error).toMatchObject({ code: 'validation_failed', requestId: expect.stringMatching(/^req_/) });
  });
});
