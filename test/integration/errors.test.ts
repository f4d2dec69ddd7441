import { adminHeaders, http } from '../helpers/http';

function expectErrorShape(body: any, code: string) {
  expect(body).toEqual({
    error: {
      code,
      message: expect.any(String),
      requestId: expect.any(String),
      ...(body.error.details ? { details: expect.anything() } : {}),
    },
  });
}

describe('the one error shape', () => {
  it('400 invalid_json for a malformed body', async () => {
    const res = await http('POST', '/admin/organizations', {
      headers: { ...adminHeaders(), 'content-type': 'application/json' },
      rawBody: '{"name": "Acme",',
    });
    expect(res.status).toBe(400);
    expectErrorShape(res.body, 'invalid_json');
  });

  it('413 payload_too_large above 1 MiB', async () => {
    const res = await http('POST', '/admin/organizations', {
      headers: { ...adminHeaders(), 'content-type': 'application/json' },
      rawBody: JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10), plan: 'standard' }),
    });
    expect(res.status).toBe(413);
    expectErrorShape(res.body, 'payload_too_large');
  });

  it('415 unsupported_media_type for a body that is not JSON', async () => {
    const res = await http('POST', '/admin/organizations', {
      headers: { ...adminHeaders(), 'content-type': 'text/plain' },
      rawBody: 'name=Acme',
    });
    expect(res.status).toBe(415);
    expectErrorShape(res.body, 'unsupported_media_type');
  });

  it('404 not_found in JSON for an unknown route', async () => {
    const res = await http('GET', '/no/such/route');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expectErrorShape(res.body, 'not_found');
  });

  it('carries the request id from the X-Request-Id header, or makes one', async () => {
    const mine = await http('GET', '/no/such/route', { headers: { 'x-request-id': 'partner-trace-42' } });
    expect(mine.body.error.requestId).toBe('partner-trace-42');
    expect(mine.headers.get('x-request-id')).toBe('partner-trace-42');
    const generated = await http('GET', '/no/such/route');
    expect(generated.body.error.requestId).toMatch(/^req_/);
    expect(generated.headers.get('x-request-id')).toBe(generated.body.error.requestId);
  });

  it('ignores a hostile X-Request-Id instead of echoing it', async () => {
    const res = await http('GET', '/health', { headers: { 'x-request-id': '<script>alert(1)</script>' } });
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
  });
});
