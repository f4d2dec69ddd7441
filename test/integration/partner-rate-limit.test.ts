import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { testEnv } from '../helpers/env';
import { keyHeaders } from '../helpers/events';
import { REPO_ROOT } from '../helpers/stack-process';
import { adminHeaders, createOrg, http } from '../helpers/http';

const setLimit = (orgId: string, partnerRateLimitPerMinute: number | null) =>
  http('PATCH', `/admin/organizations/${orgId}/limits`, {
    headers: adminHeaders(),
    body: { partnerRateLimitPerMinute },
  });

/** Waits out the rest of the wall-clock minute if fewer than `needMs` remain, so a window holds the test. */
async function roomInWindow(needMs: number) {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < needMs) await new Promise((r) => setTimeout(r, left + 50));
}

describe('per-organisation rate limit for partner keys', () => {
  it('answers RateLimit headers with the generous default', async () => {
    const org = await createOrg();
    const res = await http('GET', '/v1/audit', { headers: keyHeaders(org.apiKey) });
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-limit')).toBe('600000');
    expect(res.headers.get('ratelimit-policy')).toBe('600000;w=60');
  });

  it('an operator sets it per organisation; past it, 429 with Retry-After, other organisations untouched', async () => {
    const org = await createOrg();
    const other = await createOrg();
    const set = await setLimit(org.id, 5);
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ organizationId: org.id, partnerRateLimitPerMinute: 5 });
    await roomInWindow(10_000);
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => http('GET', '/v1/audit', { headers: keyHeaders(org.apiKey) })),
    );
    const ok = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status === 429);
    expect(ok.length).toBe(5);
    expect(refused.length).toBe(7);
    for (const r of refused) {
      expect(r.body.error.code).toBe('rate_limited');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(r.headers.get('ratelimit-remaining')).toBe('0');
    }
    expect((await http('GET', '/v1/audit', { headers: keyHeaders(other.apiKey) })).status).toBe(200);

    expect((await setLimit(org.id, null)).body.partnerRateLimitPerMinute).toBeNull();
    expect((await http('GET', '/v1/audit', { headers: keyHeaders(org.apiKey) })).status).toBe(200);
  });

  it('the partner cannot lift it: the setting is not part of the portal settings', async () => {
    const org = await createOrg();
    const res = await http('PATCH', '/portal/api/settings', {
      headers: keyHeaders(org.apiKey),
      body: { partnerRateLimitPerMinute: 100_000_000 },
    });
    expect(res.status).toBe(400);
  });

  it('refuses a bad limit and an unknown organisation', async () => {
    const org = await createOrg();
    expect((await setLimit(org.id, 0)).status).toBe(400);
    expect((await setLimit('org_missing', 10)).status).toBe(404);
    expect(
      (await http('PATCH', `/admin/organizations/${org.id}/limits`, { body: { partnerRateLimitPerMinute: 1 } })).status,
    ).toBe(401);
  });

  it('operators set it from the CLI: npm run mir -- org limits', async () => {
    const org = await createOrg();
    const env = { ...process.env, MIR_API_URL: testEnv().apiUrl, MIR_ADMIN_TOKEN: testEnv().adminToken };
    const mir = (...args: string[]) =>
      promisify(execFile)('npm', ['run', '-s', 'mir', '--', ...args], { cwd: REPO_ROOT, env });
    const set = await mir('org', 'limits', '--org', org.id, '--partner-rate-limit', '42');
    expect(set.stdout).toContain(`Partner-key rate limit of ${org.id}: 42 per minute per API process`);
    const res = await http('GET', '/v1/audit', { headers: keyHeaders(org.apiKey) });
    expect(res.headers.get('ratelimit-limit')).toBe('42');
    await expect(mir('org', 'limits', '--org', org.id, '--partner-rate-limit', 'lots')).rejects.toMatchObject({
      code: 2,
    });
  });
});
