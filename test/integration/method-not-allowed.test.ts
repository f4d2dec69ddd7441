import { keyHeaders } from '../helpers/events';
import { createOrg, http } from '../helpers/http';
import { rawRequest } from '../helpers/raw-http';

/** Undeclared methods on known paths: 405 with `Allow`, in the error envelope; unknown paths stay 404. */
let ownerKey: string;
beforeAll(async () => {
  ownerKey = (await createOrg('Methods')).apiKey;
});

function expect405(res: { status: number; headers: any; body: any }, allow: string) {
  expect(res.status).toBe(405);
  const header = typeof res.headers.get === 'function' ? res.headers.get('allow') : res.headers.allow;
  expect(header).toBe(allow);
  expect(res.body.error).toMatchObject({ code: 'method_not_allowed', requestId: expect.any(String) });
}

describe('405 method_not_allowed', () => {
  // Found by the fuzzer: these answered 404, as if the path did not exist.
  it('PUT /events lists GET, HEAD and POST', async () => {
    expect405(await http('PUT', '/events', { headers: keyHeaders(ownerKey), body: {} }), 'GET, HEAD, POST');
  });

  it('TRACE /v1/agents', async () => {
    expect405(await rawRequest('TRACE', '/v1/agents', keyHeaders(ownerKey)), 'GET, HEAD, POST');
  });

  it('a templated path: DELETE /v1/agents/:id lists GET, HEAD, PATCH', async () => {
    expect405(await http('DELETE', '/v1/agents/agent_x', { headers: keyHeaders(ownerKey) }), 'GET, HEAD, PATCH');
  });

  it('a literal path wins over a template: OPTIONS /v1/agents/tree lists only GET, HEAD', async () => {
    expect405(await rawRequest('OPTIONS', '/v1/agents/tree', keyHeaders(ownerKey)), 'GET, HEAD');
  });

  it('needs no credentials and runs before authentication', async () => {
    expect405(await http('DELETE', '/resolve'), 'POST');
  });

  it('the docs too, static assets included', async () => {
    expect405(await http('POST', '/openapi.json'), 'GET, HEAD');
    expect405(await http('DELETE', '/docs/assets/swagger-ui.css'), 'GET, HEAD');
  });

  it('HEAD of a GET route is allowed', async () => {
    const res = await http('HEAD', '/health');
    expect(res.status).toBe(200);
  });

  it('an unknown path stays 404, whatever the method', async () => {
    for (const method of ['GET', 'PUT']) {
      const res = await http(method, '/v1/nothing-here');
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
  });

  it('a missing docs asset is 404 in the envelope, not a 500', async () => {
    const res = await http('GET', '/docs/assets/no-such-file.js');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});

describe('405 on the HTML link pages', () => {
  const token = 'A'.repeat(43);

  it('a form path with GET, or the page with PUT, is 405 with Allow; an unknown path stays 404', async () => {
    const form = await http('GET', `/link/${token}/confirm`);
    expect(form.status).toBe(405);
    expect(form.headers.get('allow')).toBe('POST');
    expect(form.headers.get('content-type')).toContain('text/html');
    const page = await http('PUT', `/link/${token}`);
    expect(page.status).toBe(405);
    expect(page.headers.get('allow')).toBe('GET, HEAD');
    expect((await http('GET', `/link/${token}/nothing/here`)).status).toBe(404);
  });
});
