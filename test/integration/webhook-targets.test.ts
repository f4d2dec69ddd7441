import { randomUUID } from 'node:crypto';
import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import { keyHeaders } from '../helpers/events';
import { createOrg, http } from '../helpers/http';
import { eventually } from '../helpers/temporal';

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

/** The first complete JSON line the process logged that `match` accepts, waited for. */
function logLine(api: ApiProcess, match: (line: Record<string, any>) => boolean) {
  const parsed = (l: string) => {
    try {
      return JSON.parse(l) as Record<string, any>;
    } catch {
      return undefined; // a line still being written
    }
  };
  return eventually(
    async () =>
      api.proc
        .output()
        .split('\n')
        .map(parsed)
        .find((l) => l && match(l)),
    10_000,
  );
}

describe('webhook targets in production', () => {
  it('refuses plain http and every private, loopback, link-local and metadata address, and stores nothing', async () => {
    const org = await createOrg();
    const refused: Array<[string, RegExp]> = [
      ['http://hooks.example.com/mir', /https/],
      ['https://127.0.0.1:8443/hook', /target_not_allowed/],
      ['https://localhost:8443/hook', /target_not_allowed/],
      ['https://10.0.0.7/hook', /target_not_allowed/],
      ['https://192.168.1.1/hook', /target_not_allowed/],
      ['https://169.254.169.254/latest', /target_not_allowed/],
      ['https://[::1]/hook', /target_not_allowed/],
      ['https://[fd00::1]/hook', /target_not_allowed/],
    ];
    for (const [url, reason] of refused) {
      const res = await register(production, org.apiKey, url);
      expect([url, res.status, res.body.error?.code]).toEqual([url, 422, 'webhook_url_refused']);
      expect(res.body.error.message).toMatch(reason);
    }
    const list = await http('GET', '/v1/webhooks', { baseUrl: production.url, headers: keyHeaders(org.apiKey) });
    expect(list.body.webhooks).toEqual([]);
  });

  it('answers one reason, naming no address and no DNS outcome, and logs the detail only', async () => {
    const org = await createOrg();
    // What each refusal's log line says; the answers must not tell them apart. Sent all at once.
    const refused: Array<[string, RegExp]> = [
      ['https://localhost/hook', /^localhost resolves to (127\.0\.0\.1|::1) is in a private/],
      ['https://no-such-host.invalid/hook', /^no-such-host\.invalid does not resolve/],
      ['https://[::127.0.0.1]/hook', /^::7f00:1 resolves to ::7f00:1 \(it carries 127\.0\.0\.1\)/],
      ['https://[::ffff:0:127.0.0.1]/hook', /\(it carries 127\.0\.0\.1\)/],
      ['https://[2002:7f00:1::1]/hook', /\(it carries 127\.0\.0\.1\)/],
      // Bytes nobody expected: a percent-encoded name, a trailing dot, a hexadecimal IPv4.
      ['https://%6c%6f%63%61%6c%68%6f%73%74/hook', /^localhost resolves to/],
      ['https://LOCALHOST./hook', /^localhost\. (resolves to|does not resolve)/],
      ['https://0x7f.1/hook', /^127\.0\.0\.1 resolves to/],
    ];
    const requestIds = refused.map(() => `refusal-${randomUUID()}`);
    const answers = await Promise.all(
      refused.map(([url], i) =>
        http('POST', '/v1/webhooks', {
          baseUrl: production.url,
          headers: { ...keyHeaders(org.apiKey), 'x-request-id': requestIds[i]! },
          body: { url, eventTypes: ['*'] },
        }),
      ),
    );
    for (const [i, [url, detail]] of refused.entries()) {
      const { requestId, ...error } = answers[i]!.body.error;
      expect([url, answers[i]!.status, error]).toEqual([
        url,
        422,
        {
          code: 'webhook_url_refused',
          message: 'Webhook URL refused: target_not_allowed',
          details: { reason: 'target_not_allowed' },
        },
      ]);
      expect(requestId).toBe(requestIds[i]);
      const line = await logLine(production, (l) => l.requestId === requestId && l.refusal !== undefined);
      expect([url, line.refusal]).toEqual([url, expect.stringMatching(detail)]);
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
