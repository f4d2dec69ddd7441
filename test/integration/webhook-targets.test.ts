import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import { keyHeaders } from '../helpers/events';
import { createOrg, http } from '../helpers/http';

jest.setTimeout(180_000);

/**
 * Outbound safety as a production API process applies it (NODE_ENV=production): https only, and
 * no address in a private, loopback, link-local or metadata range unless an operator names it.
 */
let production: ApiProcess;
let allowing: ApiProcess;
beforeAll(async () => {
  [production, allowing] = await Promise.all([
    startApiProcess({ NODE_ENV: 'production' }),
    startApiProcess({ NODE_ENV: 'production', MIR_WEBHOOK_ALLOWED_CIDRS: '127.0.0.0/8' }),
  ]);
});
afterAll(async () => {
  await Promise.all([production?.stop(), allowing?.stop()]);
});

const register = (api: ApiProcess, key: string, url: string) =>
  http('POST', '/v1/webhooks', { baseUrl: api.url, headers: keyHeaders(key), body: { url, eventTypes: ['*'] } });

describe('webhook targets in production', () => {
  it('refuses plain http and every private, loopback, link-local and metadata address, and stores nothing', async () => {
    const org = await createOrg();
    const refused: Array<[string, RegExp]> = [
      ['http://hooks.example.com/mir', /https/],
      ['https://127.0.0.1:8443/hook', /127\.0\.0\.1 resolves to/],
      ['https://localhost:8443/hook', /localhost resolves to/],
      ['https://10.0.0.7/hook', /10\.0\.0\.7 resolves to/],
      ['https://192.168.1.1/hook', /resolves to/],
      ['https://169.254.169.254/latest', /resolves to/],
      ['https://[::1]/hook', /resolves to/],
      ['https://[fd00::1]/hook', /resolves to/],
    ];
    for (const [url, reason] of refused) {
      const res = await register(production, org.apiKey, url);
      expect([url, res.status, res.body.error?.code]).toEqual([url, 422, 'webhook_url_refused']);
      expect(res.body.error.message).toMatch(reason);
    }
    const list = await http('GET', '/v1/webhooks', { baseUrl: production.url, headers: keyHeaders(org.apiKey) });
    expect(list.body.webhooks).toEqual([]);
  });

  it('lets through a range an operator names in MIR_WEBHOOK_ALLOWED_CIDRS, and only that one', async () => {
    const org = await createOrg();
    expect((await register(allowing, org.apiKey, 'https://127.0.0.1:8443/hook')).status).toBe(201);
    expect((await register(allowing, org.apiKey, 'https://10.0.0.7/hook')).status).toBe(422);
  });
});
