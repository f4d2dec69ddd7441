import { http, createOrg } from '../helpers/http';
import { rawRequest, utf8Bytes } from '../helpers/raw-http';
import { createMiraKey, createMiraOrg, createRep, expectMiraError, meetingBody, mira } from '../helpers/mira';

const WRITE_ROUTES: Array<[string, string]> = [
  ['POST', '/users'],
  ['POST', '/meetings'],
  ['POST', '/templates'],
  ['PATCH', '/templates/00000000-0000-4000-8000-000000000000'],
  ['PUT', '/templates/00000000-0000-4000-8000-000000000000'],
  ['DELETE', '/templates/00000000-0000-4000-8000-000000000000'],
  ['POST', '/roleplay/sessions'],
];

const READ_ROUTES = ['/meetings', '/templates', '/reports', '/insights', '/team/stats', '/roleplay/sessions', '/users'];

describe('Mira authentication and the envelope', () => {
  it('refuses a missing, wrong or MIR key with 401 in the envelope', async () => {
    const partner = await createOrg();
    for (const path of READ_ROUTES) {
      expectMiraError(await mira('GET', path, null), 401, 'unauthorized', /Missing API key/);
      expectMiraError(await mira('GET', path, 'mira_live_notakey'), 401, 'unauthorized');
      expectMiraError(await mira('GET', path, partner.apiKey), 401, 'unauthorized');
    }
    const res = await http('GET', '/api/v1/meetings', { headers: { 'x-api-key': partner.apiKey } });
    expectMiraError(res, 401, 'unauthorized');
  });

  it("answers 403 to a read-only key on every route that needs 'write', changing nothing, and lets it read", async () => {
    const org = await createMiraOrg();
    const readOnly = await createMiraKey(org.id, true);
    const rep = await createRep(org);
    for (const [method, path] of WRITE_ROUTES) {
      const body = method === 'DELETE' ? undefined : path === '/meetings' ? meetingBody(rep) : { name: 'x' };
      expectMiraError(await mira(method, path, readOnly, body), 403, 'forbidden', /'write' permission/);
    }
    expect((await mira('GET', '/meetings', org.key)).body.meta.total).toBe(0);
    for (const path of READ_ROUTES) {
      const res = await mira('GET', path, readOnly);
      expect(res.status).toBe(200);
      expect(res.body.error).toBeNull();
    }
  });

  it('keeps organisations apart: one never sees or filters by the other', async () => {
    const a = await createMiraOrg();
    const b = await createMiraOrg();
    const repA = await createRep(a);
    const created = await mira('POST', '/meetings', a.key, meetingBody(repA, { transcript: [] }));
    expect(created.status).toBe(202);
    const id = created.body.data.id;
    expectMiraError(await mira('GET', `/meetings/${id}`, b.key), 404, 'not_found');
    expectMiraError(await mira('GET', `/meetings/${id}/report`, b.key), 404, 'not_found');
    expect((await mira('GET', `/meetings?user_id=${repA}`, b.key)).body).toEqual({
      data: [],
      error: null,
      meta: { page: 1, limit: 20, total: 0 },
    });
    expect((await mira('GET', '/users', b.key)).body.meta.total).toBe(0);
    expectMiraError(await mira('POST', '/meetings', b.key, meetingBody(repA)), 400, 'validation_error', /^user_id: /);
  });

  it('answers unknown paths, wrong methods, bad JSON and bad input channels in its own envelope', async () => {
    const org = await createMiraOrg();
    expectMiraError(await mira('GET', '/nope', org.key), 404, 'not_found');
    expectMiraError(await http('GET', '/api/v1'), 404, 'not_found');
    const wrongMethod = await mira('DELETE', '/meetings', org.key);
    expectMiraError(wrongMethod, 405, 'method_not_allowed');
    expect(wrongMethod.headers.get('allow')).toBe('GET, HEAD, POST');
    expect((await mira('POST', '/reports/00000000-0000-4000-8000-000000000000', org.key)).headers.get('allow')).toBe(
      'GET, HEAD',
    );
    const badJson = await http('POST', '/api/v1/users', {
      headers: { authorization: `Bearer ${org.key}`, 'content-type': 'application/json' },
      rawBody: '{"name": ',
    });
    expectMiraError(badJson, 400, 'invalid_json');
    const notJson = await http('POST', '/api/v1/users', {
      headers: { authorization: `Bearer ${org.key}`, 'content-type': 'text/plain' },
      rawBody: 'hello',
    });
    expectMiraError(notJson, 415, 'unsupported_media_type');
    const huge = await http('POST', '/api/v1/users', {
      headers: { authorization: `Bearer ${org.key}`, 'content-type': 'application/json' },
      rawBody: JSON.stringify({ name: 'x'.repeat(2_000_000) }),
    });
    expectMiraError(huge, 413, 'payload_too_large');
    expectMiraError(await http('GET', '/api/v1/meetings?status=%ff'), 400, 'validation_error');
    const raw = await rawRequest('GET', '/api/v1/meetings', { 'x-note': utf8Bytes('caf\u0085') });
    expect(raw.status).toBe(400);
    expect(raw.body).toMatchObject({ data: null, error: { code: 'validation_error' }, meta: null });
    // MIR's own answers are untouched.
    expect((await http('GET', '/nope')).body.error.code).toBe('not_found');
    expect((await http('GET', '/nope')).body.data).toBeUndefined();
  });

  it('found by the fuzzer: an e-mail whose local part passes 64 characters, a C1 character in a filter', async () => {
    const org = await createMiraOrg();
    const long = await mira('POST', '/users', org.key, { name: 'Long', email: `${'a'.repeat(65)}@example.com` });
    expectMiraError(long, 400, 'validation_error', /^email: /);
    expect((await mira('POST', '/users', org.key, { name: 'Ok', email: `${'a'.repeat(64)}@example.com` })).status).toBe(
      201,
    );
    // The insights filter's documented schema now says what the input check enforces.
    const doc = (await http('GET', '/api/v1/openapi.json')).body;
    const title = doc.paths['/api/v1/insights'].get.parameters.find((p: any) => p.name === 'prospect_title');
    expect(new RegExp(title.schema.pattern).test('VS\u00baH\u0095')).toBe(false);
    expectMiraError(await mira('GET', '/insights?prospect_title=VS%C2%BAH%C2%95', org.key), 400, 'validation_error');
  });

  it('validates pagination: defaults, maximum and bad values naming the field', async () => {
    const org = await createMiraOrg();
    for (let i = 0; i < 3; i++) await createRep(org, `Rep ${i}`);
    expect((await mira('GET', '/users', org.key)).body.meta).toEqual({ page: 1, limit: 20, total: 3 });
    const second = await mira('GET', '/users?page=2&limit=2', org.key);
    expect(second.body.meta).toEqual({ page: 2, limit: 2, total: 3 });
    expect(second.body.data).toHaveLength(1);
    expect((await mira('GET', '/users?limit=100', org.key)).status).toBe(200);
    expectMiraError(await mira('GET', '/users?limit=101', org.key), 400, 'validation_error', /^limit: /);
    expectMiraError(await mira('GET', '/meetings?limit=0', org.key), 400, 'validation_error', /^limit: /);
    expectMiraError(await mira('GET', '/reports?page=0', org.key), 400, 'validation_error', /^page: /);
    expectMiraError(await mira('GET', '/insights?page=abc', org.key), 400, 'validation_error', /^page: /);
    expectMiraError(await mira('GET', '/meetings?status=done', org.key), 400, 'validation_error', /^status: /);
    expectMiraError(await mira('GET', '/meetings?from=yesterday', org.key), 400, 'validation_error', /^from: /);
    expectMiraError(await mira('GET', '/meetings?unknown=1', org.key), 400, 'validation_error');
  });

  it('users: creates reps with a uuid, refuses a second one with the same email and bad input', async () => {
    const org = await createMiraOrg();
    const created = await mira('POST', '/users', org.key, { name: 'Ann', email: 'Ann@Example.com' });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ name: 'Ann', email: 'Ann@Example.com' });
    expect(created.body.data.id).toMatch(/^[0-9a-f-]{36}$/);
    expectMiraError(
      await mira('POST', '/users', org.key, { name: 'Ann 2', email: 'ann@example.com' }),
      409,
      'conflict',
    );
    expectMiraError(await mira('POST', '/users', org.key, { name: 'Bob' }), 400, 'validation_error', /^email: /);
    expectMiraError(
      await mira('POST', '/users', org.key, { name: '', email: 'b@example.com' }),
      400,
      'validation_error',
      /^name: /,
    );
    const other = await createMiraOrg();
    expect((await mira('POST', '/users', other.key, { name: 'Ann', email: 'ann@example.com' })).status).toBe(201);
  });
});
