import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import { testSql } from '../helpers/db';
import { keyHeaders } from '../helpers/events';
import { adminHeaders, createOrg, http, type HttpResult } from '../helpers/http';

jest.setTimeout(180_000);

/**
 * API processes reuse a verified partner key for a while (src/api/auth-cache.ts). The second
 * process here keeps keys for a full minute, so anything it refuses within the few seconds these
 * tests allow was refused because Postgres told it of the change, not because an entry expired.
 */
const sql = testSql();
let other: ApiProcess;

beforeAll(async () => {
  other = await startApiProcess({ MIR_AUTH_CACHE_TTL_MS: '60000' });
});

afterAll(async () => {
  await sql.end();
  if (other) expect(await other.stop()).toBe(0);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const WITHIN_MS = 5_000;

/** Any partner read does: listing the organisation's events answers 200 to a good key. */
async function listOn(baseUrl: string | undefined, apiKey: string) {
  return http('GET', '/v1/events?limit=1', { baseUrl, headers: keyHeaders(apiKey) });
}

/** Asks again until the answer has the expected status, for at most WITHIN_MS. */
async function eventually(ask: () => Promise<HttpResult>, status: number): Promise<HttpResult> {
  const deadline = Date.now() + WITHIN_MS;
  for (;;) {
    const res = await ask();
    if (res.status === status || Date.now() > deadline) return res;
    await sleep(50);
  }
}

async function issueKey(orgId: string) {
  const issued = await http('POST', `/admin/organizations/${orgId}/keys`, {
    headers: adminHeaders(),
    body: { role: 'OWNER' },
  });
  expect(issued.status).toBe(201);
  return issued.body as { id: string; apiKey: string };
}

describe('partner keys cached by another API process', () => {
  it('a key revoked through the API is refused by the other process too', async () => {
    const org = await createOrg();
    const key = await issueKey(org.id);
    // The other process has verified, and so cached, the key.
    expect((await listOn(other.url, key.apiKey)).status).toBe(200);
    const revoked = await http('POST', `/admin/organizations/${org.id}/keys/${key.id}/revoke`, {
      headers: adminHeaders(),
    });
    expect(revoked.status).toBe(200);
    // The process that revoked it refuses it at once.
    expect((await listOn(undefined, key.apiKey)).status).toBe(401);
    const there = await eventually(() => listOn(other.url, key.apiKey), 401);
    expect(there.status).toBe(401);
    expect(there.body.error.code).toBe('unauthorized');
  });

  it('a key revoked by hand in SQL is refused by every process', async () => {
    const org = await createOrg();
    const key = await issueKey(org.id);
    expect((await listOn(other.url, key.apiKey)).status).toBe(200);
    expect((await listOn(undefined, key.apiKey)).status).toBe(200);
    await sql`update api_keys set revoked_at = now() where id = ${key.id}`;
    expect((await eventually(() => listOn(other.url, key.apiKey), 401)).status).toBe(401);
    expect((await eventually(() => listOn(undefined, key.apiKey), 401)).status).toBe(401);
  });

  it("a settings change on one process governs the other's cached keys", async () => {
    const org = await createOrg();
    expect((await listOn(other.url, org.apiKey)).status).toBe(200);
    const changed = await http('PATCH', '/portal/api/settings', {
      headers: keyHeaders(org.apiKey),
      body: { enforceAgentAuth: true },
    });
    expect(changed.status).toBe(200);
    expect((await listOn(undefined, org.apiKey)).status).toBe(403);
    const there = await eventually(() => listOn(other.url, org.apiKey), 403);
    expect(there.status).toBe(403);
    expect(there.body.error.code).toBe('agent_auth_required');
  });

  it('a key issued on one process works on the other at once: unknown keys are never cached', async () => {
    const org = await createOrg();
    const unknown = 'mir_notissuedyet000000000000000000000000000000';
    expect((await listOn(other.url, unknown)).status).toBe(401);
    const key = await issueKey(org.id);
    expect((await listOn(other.url, key.apiKey)).status).toBe(200);
  });

  it('other organisations keep working while caches are flushed', async () => {
    const [a, b] = [await createOrg(), await createOrg()];
    expect((await listOn(other.url, a.apiKey)).status).toBe(200);
    const extra = await issueKey(b.id);
    await http('POST', `/admin/organizations/${b.id}/keys/${extra.id}/revoke`, { headers: adminHeaders() });
    expect((await listOn(other.url, a.apiKey)).status).toBe(200);
    expect((await listOn(other.url, b.apiKey)).status).toBe(200);
  });
});
