import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import { testEnv } from '../helpers/env';
import { createOrg } from '../helpers/http';
import { invite } from '../helpers/linking';
import { PageClient, pathOf } from '../helpers/page-client';
import { TcpProxy } from '../helpers/tcp-proxy';

/**
 * An API process whose Postgres is reached through a proxy the test can cut, as a Postgres restart
 * does: pages then answer a 503 page with Retry-After (what the chaos run found answering 500
 * "Something went wrong" to a login during a restart), and serve again once Postgres is back.
 */
const db = new URL(testEnv().databaseUrl);
let proxy: TcpProxy;
let api: ApiProcess;

beforeAll(async () => {
  proxy = new TcpProxy({ host: db.hostname, port: Number(db.port) });
  const address = await proxy.start();
  const url = new URL(testEnv().databaseUrl);
  url.host = address;
  api = await startApiProcess({ DATABASE_URL: url.toString() });
}, 180_000);
afterAll(async () => {
  await api?.stop();
  await proxy?.stop().catch(() => undefined);
});

describe('pages while Postgres cannot be reached', () => {
  it('a login on the invite page answers 503 with Retry-After, not a 500', async () => {
    const org = await createOrg();
    const { inviteUrl } = await invite(org.apiKey, `page-loss-${Date.now()}`);
    const path = pathOf(inviteUrl);
    const browser = new PageClient(api.url);
    const page = await browser.get(path);
    expect(page.status).toBe(200);
    await proxy.stop();
    const login = await browser.submit(`${path}/login`, page, { email: 'nobody@example.com', password: 'x'.repeat(12) });
    expect(login.status).toBe(503);
    expect(Number(login.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(login.html).toContain('MIR cannot answer right now');
    expect(login.html).not.toContain('Something went wrong');
  });
});
