import { JSON_BODY_MAX_DEPTH, JSON_DATA_MAX_DEPTH } from '../../src/domain/json-depth';
import { testSql } from '../helpers/db';
import { keyHeaders, uniqueUserId } from '../helpers/events';
import { createOrg, http } from '../helpers/http';
import { createMiraOrg, expectMiraError, mira } from '../helpers/mira';

jest.setTimeout(120_000);
const sql = testSql();
afterAll(() => sql.end());

/** `levels` arrays one inside another around `inner`: `nested(2)` is `[[1]]`, two levels. */
const nested = (levels: number, inner = '1') => `${'['.repeat(levels)}${inner}${']'.repeat(levels)}`;
/** An object `levels` deep as event `data` (the object itself is the first level). */
const deepData = (levels: number) => `{"d":${nested(levels - 1)}}`;
const event = (data: string) => `{"type":"review.posted","userId":"${uniqueUserId('deep')}","data":${data}}`;

const send = (path: string, apiKey: string, raw: string | Buffer, headers: Record<string, string> = {}) =>
  http('POST', path, {
    headers: keyHeaders(apiKey, { 'content-type': 'application/json', ...headers }),
    rawBody: raw,
  });
const eventsOf = async (orgId: string) =>
  (await sql`select count(*)::int as n from events where organization_id = ${orgId}`)[0]!.n as number;
const storedKeys = async (key: string) =>
  (await sql`select count(*)::int as n from idempotency_keys where key = ${key}`)[0]!.n as number;

const TOO_DEEP = `Request body nests deeper than ${JSON_BODY_MAX_DEPTH} levels`;
function expectTooDeep(res: { status: number; body: any }) {
  expect([res.status, res.body.error?.code, res.body.error?.message]).toEqual([400, 'validation_failed', TOO_DEEP]);
  expect(res.body.error.details).toEqual([{ in: 'body', path: '', message: expect.stringContaining('64 levels') }]);
}

describe('JSON nested deeper than its limit', () => {
  it('4,000 and 5,000 levels on /events and /events/bulk, with and without a key: 400, nothing stored', async () => {
    const org = await createOrg();
    for (const levels of [4_000, 5_000]) {
      const single = event(deepData(levels));
      const bulk = `{"events":[${single}]}`;
      expect(Buffer.byteLength(single)).toBeLessThan(12 * 1024);
      for (const [path, body] of [
        ['/events', single],
        ['/events/bulk', bulk],
      ] as const) {
        const key = `deep-${levels}-${path}-${Date.now()}`;
        expectTooDeep(await send(path, org.apiKey, body, { 'idempotency-key': key }));
        expectTooDeep(await send(path, org.apiKey, body));
        expect(await storedKeys(key)).toBe(0);
        // The key is still free: a corrected request with it is answered afresh, not replayed.
        const fixed = await send(path, org.apiKey, path === '/events' ? event('{}') : `{"events":[${event('{}')}]}`, {
          'idempotency-key': key,
        });
        expect([fixed.status < 300, fixed.headers.get('idempotent-replayed')]).toEqual([true, null]);
      }
    }
    expect(await eventsOf(org.id)).toBe(4);
  });

  it(`event data: exactly ${JSON_DATA_MAX_DEPTH} levels accepted, one more refused naming data (bulk: that item)`, async () => {
    const org = await createOrg();
    const ok = await send('/events', org.apiKey, event(deepData(JSON_DATA_MAX_DEPTH)));
    expect(ok.status).toBe(201);
    const refused = await send('/events', org.apiKey, event(deepData(JSON_DATA_MAX_DEPTH + 1)));
    expect([refused.status, refused.body.error.code, refused.body.error.details[0].path]).toEqual([
      400,
      'validation_failed',
      'data',
    ]);
    expect(refused.body.error.details[0].message).toBe(
      `must nest at most ${JSON_DATA_MAX_DEPTH} levels of objects and arrays`,
    );
    const bulk = await send(
      '/events/bulk',
      org.apiKey,
      `{"events":[${event(deepData(JSON_DATA_MAX_DEPTH))},${event(deepData(JSON_DATA_MAX_DEPTH + 1))}]}`,
    );
    expect(bulk.body.summary).toEqual({ total: 2, accepted: 1, errors: 1 });
    expect(bulk.body.results[1].error.code).toBe('validation_failed');
    expect(await eventsOf(org.id)).toBe(2);
    const stored = await sql`select data from events where organization_id = ${org.id} limit 1`;
    expect(JSON.stringify(stored[0]!.data)).toBe(deepData(JSON_DATA_MAX_DEPTH));
    // Policy context is free-form JSON too, under the same limit.
    const context = await send(
      '/policy/evaluate',
      org.apiKey,
      `{"actor_id":"u1","action":"checkout.complete","context":${deepData(JSON_DATA_MAX_DEPTH + 1)}}`,
    );
    expect([context.status, context.body.error.details[0].path]).toEqual([400, 'context']);
  });

  it(`a body: exactly ${JSON_BODY_MAX_DEPTH} levels reach validation, one more does not, on every way in`, async () => {
    const org = await createOrg();
    // The body is the first level; `extra` is an unknown field, so validation (reached) refuses it by name.
    const body = (levels: number) => `{"type":"a.b","userId":"u","extra":${nested(levels - 1)}}`;
    const ways: [string, (raw: string) => string | Buffer, Record<string, string>][] = [
      ['fast path', (raw) => raw, {}],
      ['Express', (raw) => raw, { 'x-path': '/events/' }],
      [
        'Express, UTF-16',
        (raw) => Buffer.from(raw, 'utf16le'),
        { 'content-type': 'application/json; charset=utf-16le' },
      ],
    ];
    for (const [way, encode, headers] of ways) {
      const { 'x-path': path = '/events', ...rest } = headers;
      const atLimit = await send(path, org.apiKey, encode(body(JSON_BODY_MAX_DEPTH)), rest);
      expect([way, atLimit.status, atLimit.body.error.details[0].path]).toEqual([way, 400, '']);
      expect([way, atLimit.body.error.details[0].message]).toEqual([way, expect.stringContaining('extra')]);
      const over = await send(path, org.apiKey, encode(body(JSON_BODY_MAX_DEPTH + 1)), rest);
      expect([way, over.body.error.message]).toEqual([way, TOO_DEEP]);
    }
  });

  it('the contract says both limits: x-maxDepth on free-form fields, the body limit in the description', async () => {
    const doc = (await http('GET', '/openapi.json')).body;
    const body = (path: string) => doc.paths[path].post.requestBody.content['application/json'].schema.properties;
    expect(body('/events').data['x-maxDepth']).toBe(JSON_DATA_MAX_DEPTH);
    expect(body('/policy/evaluate').context['x-maxDepth']).toBe(JSON_DATA_MAX_DEPTH);
    expect(doc.info.description).toContain(`${JSON_BODY_MAX_DEPTH} levels`);
    expect((await http('GET', '/api/v1/openapi.json')).body.info.description).toContain(
      `${JSON_BODY_MAX_DEPTH} levels`,
    );
  });

  it('brackets inside strings, escaped quotes and backslashes included, do not count', async () => {
    const org = await createOrg();
    const text = `"\\\\${'['.repeat(3000)}\\"${'{'.repeat(3000)}\\\\"`;
    const res = await send('/events', org.apiKey, event(`{"note":${text},"${'['.repeat(100)}":1}`));
    expect(res.status).toBe(201);
  });

  it('Mira: a deep body is a 400 in its own envelope', async () => {
    const org = await createMiraOrg();
    const res = await http('POST', '/api/v1/users', {
      headers: { authorization: `Bearer ${org.key}`, 'content-type': 'application/json' },
      rawBody: `{"name":"Deep","email":"deep@example.com","x":${nested(5_000)}}`,
    });
    expectMiraError(res, 400, 'validation_error', new RegExp(TOO_DEEP));
    expect((await mira('GET', '/users', org.key)).status).toBe(200);
  });

  it('40 deep requests at once are all refused, and the API answers normally afterwards', async () => {
    const org = await createOrg();
    const deep = event(deepData(5_000));
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2 === 0
          ? send('/events', org.apiKey, deep, { 'idempotency-key': `together-${org.id}-${i}` })
          : send('/events/bulk', org.apiKey, `{"events":[${deep}]}`),
      ),
    );
    for (const res of answers) expectTooDeep(res);
    expect((await http('GET', '/ready')).status).toBe(200);
    expect((await send('/events', org.apiKey, event('{"a":[1]}'))).status).toBe(201);
    expect(await eventsOf(org.id)).toBe(1);
  });
});
