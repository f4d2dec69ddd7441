import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import { testSql } from '../helpers/db';
import { uniqueUserId } from '../helpers/events';
import { createOrg } from '../helpers/http';
import { invite, signupAndLogin } from '../helpers/linking';
import { PageClient, pathOf } from '../helpers/page-client';
import { freePort } from '../helpers/ports';

jest.setTimeout(120_000);
const sql = testSql();
let api: ApiProcess;

/** An API process whose Temporal is a port nobody listens on: the invite page cannot reach a workflow. */
beforeAll(async () => {
  api = await startApiProcess({ TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}` }, 180_000, '/health');
}, 200_000);
afterAll(async () => {
  await api?.stop();
  await sql.end();
});

describe('the invite page while Temporal is unreachable', () => {
  it('answers Confirm with 503 and Retry-After (as every 503 of the API), and links nothing', async () => {
    const org = await createOrg();
    const inv = await invite(org.apiKey, uniqueUserId('unreachable'));
    const person = await signupAndLogin();
    const path = pathOf(inv.inviteUrl);
    const browser = new PageClient(api.url);
    const page = await browser.get(path);
    const login = await browser.submit(`${path}/login`, page, { email: person.email, password: person.password });
    expect(login.status).toBe(303);
    const res = await browser.submit(`${path}/confirm`, await browser.get(path));
    expect(res.status).toBe(503);
    expect(res.html).toContain('Linking is unavailable right now');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    const [request] = await sql`select status from link_requests where id = ${inv.inviteId}`;
    expect(request!.status).toBe('PENDING');
  });
});
