import { consoleClient, consoleOrg } from '../helpers/console';
import { http } from '../helpers/http';
import { signupAndLogin } from '../helpers/linking';
import { asMember } from '../helpers/member-sessions';
import { csrfOf } from '../helpers/page-client';

/**
 * The console's forms that change an organisation: inviting people (the API's import) and its
 * settings (the API's PATCH). Each refuses a post without its CSRF token, a role that may not,
 * and input nobody expected, with a 4xx page and nothing changed.
 */
jest.setTimeout(120_000);

let setup: Awaited<ReturnType<typeof consoleOrg>>;
beforeAll(async () => {
  setup = await consoleOrg();
});
const page = (path: string) => `/console/orgs/${setup.org.id}${path}`;
const invites = async () =>
  (await http('GET', '/enterprise/api/members/invites?limit=200', { headers: asMember(setup.owner, setup.org.id) }))
    .body.invites as { email: string; status: string; importSource: string }[];
const settings = async () =>
  (await http('GET', '/portal/api/settings', { headers: asMember(setup.owner, setup.org.id) })).body.settings;

describe('inviting people in the console', () => {
  it('an ADMIN invites by the form: the new address waits, a person with an account joins at once', async () => {
    const known = await signupAndLogin();
    const fresh = `console-invite-${Date.now()}@example.com`;
    const client = consoleClient(setup.admin);
    const form = await client.get(page('/members'));
    expect(form.html).toContain('id="import"');
    const res = await client.submit(page('/members/import'), form, { analysts: `${fresh}\n${known.email}` });
    expect([res.status, res.location]).toEqual([303, page('/members?imported=2&linked=1&skipped=0')]);
    const after = await client.get(res.location!);
    expect(after.html).toContain('Invited 2; 1 of them joined at once; 0 skipped.');
    expect(after.html).toMatch(new RegExp(`data-invite="minv_[^"]+">\\s*<td class="partner">${fresh}`));
    expect(after.html).toContain(`<td class="partner">${known.email}</td>`);
    const listed = await invites();
    expect(listed.find((i) => i.email === fresh)).toMatchObject({ status: 'PENDING', importSource: 'console' });
  });

  it('an ANALYST sees no form and is refused the post; a post without its CSRF token does nothing', async () => {
    const analyst = consoleClient(setup.analyst);
    const seen = await analyst.get(page('/members'));
    expect(seen.status).toBe(200);
    expect(seen.html).not.toContain('id="import"');
    const email = `console-refused-${Date.now()}@example.com`;
    analyst.cookies.set('mir_csrf', 'a'.repeat(43));
    expect((await analyst.post(page('/members/import'), { csrf: 'a'.repeat(43), members: email })).status).toBe(403);
    const admin = consoleClient(setup.admin);
    await admin.get(page('/members'));
    const forged = await admin.post(page('/members/import'), { members: email });
    expect(forged.status).toBe(403);
    expect((await invites()).map((i) => i.email)).not.toContain(email);
  });

  it('a bad address, control bytes or a repeated field: a 400 page, nobody invited', async () => {
    const client = consoleClient(setup.admin);
    const form = await client.get(page('/members'));
    const good = `console-bad-batch-${Date.now()}@example.com`;
    const before = (await invites()).length;
    for (const rawBody of [
      `members=${good}%0Anot-an-address`,
      `members=${good}%0Aa%00b%40example.com`,
      `members=%ff%fe${good}`,
      `members=${good}&members=${good}`,
      `members=${Array.from({ length: 501 }, (_, i) => `x${i}%40e.co`).join('%0A')}`,
    ]) {
      const res = await client.request('POST', page('/members/import'), {
        rawBody: `csrf=${csrfOf(form)}&${rawBody}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect([rawBody.slice(0, 60), res.status >= 400 && res.status < 500]).toEqual([rawBody.slice(0, 60), true]);
      expect(res.html).not.toContain('<script');
    }
    expect((await invites()).length).toBe(before);
  });
});

describe('settings in the console', () => {
  it("an OWNER's change shows on GET /portal/api/settings; an ADMIN reads them and cannot post", async () => {
    const owner = consoleClient(setup.owner);
    const form = await owner.get(page('/settings'));
    expect(form.html).toContain('id="settings-form"');
    const res = await owner.submit(page('/settings'), form, {
      enforceAgentAuth: 'off',
      agentRateLimitPerMinute: '321',
      linkInviteTtlSeconds: '',
      linkRedirectOrigins: 'https://partner.example\nhttps://other.example:8443',
      spawnPolicy: JSON.stringify((await settings()).spawnPolicy),
    });
    expect([res.status, res.location]).toEqual([303, page('/settings?notice=saved')]);
    expect(await settings()).toMatchObject({
      agentRateLimitPerMinute: 321,
      linkRedirectOrigins: ['https://partner.example', 'https://other.example:8443'],
      spawnPolicy: { enabled: true, requireApprovalForPermissions: ['events:read'] },
    });
    const shown = await owner.get(res.location!);
    expect(shown.html).toContain('data-setting="agentRateLimitPerMinute">321<');

    const admin = consoleClient(setup.admin);
    const read = await admin.get(page('/settings'));
    expect([read.status, read.html.includes('id="owner-only"'), read.html.includes('settings-form')]).toEqual([
      200,
      true,
      false,
    ]);
    admin.cookies.set('mir_csrf', 'b'.repeat(43));
    const refused = await admin.post(page('/settings'), { csrf: 'b'.repeat(43), agentRateLimitPerMinute: '5' });
    expect(refused.status).toBe(403);
    const forged = await owner.post(page('/settings'), { enforceAgentAuth: 'off', agentRateLimitPerMinute: '6' });
    expect(forged.status).toBe(403);
    expect((await settings()).agentRateLimitPerMinute).toBe(321);
  });

  it('a value out of range, not JSON, not an origin, or odd bytes: a 400 page, nothing changed', async () => {
    const owner = consoleClient(setup.owner);
    const form = await owner.get(page('/settings'));
    const before = await settings();
    const base = { enforceAgentAuth: 'off', agentRateLimitPerMinute: '', linkRedirectOrigins: '', spawnPolicy: '' };
    for (const change of <Record<string, string>[]>[
      { agentRateLimitPerMinute: '0' },
      { agentRateLimitPerMinute: '12a' },
      { linkInviteTtlSeconds: '99999999' },
      { spawnPolicy: '{"enabled": tru' },
      { spawnPolicy: '{"enabled": true, "maxDepth": 2, "extra": 1}' },
      { linkRedirectOrigins: 'javascript:alert(1)' },
      { linkRedirectOrigins: 'https://a.example/\u0000' },
      { enforceAgentAuth: 'maybe' },
      { agentRateLimitPerMinute: '\u00ff\u0000' },
    ]) {
      const res = await owner.submit(page('/settings'), form, { ...base, ...change });
      expect([change, res.status]).toEqual([change, 400]);
      expect(res.html).toContain('Nothing was changed');
    }
    expect(await settings()).toEqual(before);
  });
});
