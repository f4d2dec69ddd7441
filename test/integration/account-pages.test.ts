import { bearer, linkWithCode } from '../helpers/data-rights';
import { createOrg, http } from '../helpers/http';
import { signupAndLogin } from '../helpers/linking';
import { freshDomain, importMembers } from '../helpers/members';
import { PageClient, csrfOf } from '../helpers/page-client';

jest.setTimeout(120_000);

/** A browser in miniature holding the person's session (the login form itself: the first test). */
function loggedIn(person: { token: string }) {
  const client = new PageClient();
  client.cookies.set('mir_session', person.token);
  return client;
}

const links = async (token: string) =>
  (await http('GET', '/v1/me/links', { headers: bearer(token) })).body.links.map((l: any) => l.partner.id);

describe('the /account pages', () => {
  it('send anyone without a session to log in, and back only to a page of the section', async () => {
    const client = new PageClient();
    for (const path of [
      '/account',
      '/account/links',
      '/account/history',
      '/account/access-log',
      '/account/memberships',
    ]) {
      const res = await client.get(path);
      expect([path, res.status, res.location]).toEqual([path, 303, `/account/login?next=${encodeURIComponent(path)}`]);
    }
    const bad = await client.get('/account/links', { cookie: 'mir_session=%zz' });
    expect(bad.status).toBe(303);
    const person = await signupAndLogin();
    const login = await client.get('/account/login?next=%2Faccount%2Fhistory');
    const form = { csrf: csrfOf(login), email: person.email, password: person.password };
    const back = await client.post('/account/login', { ...form, next: '/account/history' });
    expect([back.status, back.location]).toEqual([303, '/account/history']);
    expect((await client.get('/account/history')).status).toBe(200);
    for (const next of ['//evil.example/account', 'https://evil.example', '/account/../admin', '/link/x']) {
      const login = await client.get('/account/login');
      const res = await client.post('/account/login', {
        csrf: csrfOf(login),
        email: person.email,
        password: person.password,
        next,
      });
      expect([next, res.status, res.location]).toEqual([next, 303, '/account']);
    }
    const wrong = await client.submit('/account/login', await client.get('/account/login'), {
      email: person.email,
      password: 'not the password',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.html).toContain('Email or password is wrong.');
  });

  it('refuse a form without its CSRF field or from another site, and change nothing', async () => {
    const person = await signupAndLogin();
    const org = await createOrg();
    await linkWithCode(org.apiKey, person.token);
    const client = loggedIn(person);
    const page = await client.get('/account/links');
    expect(page.status).toBe(200);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const forged = await client.post(`/account/links/${org.id}/unlink`, { csrf: 'A'.repeat(43) });
    expect(forged.status).toBe(403);
    const crossSite = await client.post(
      `/account/links/${org.id}/unlink`,
      { csrf: csrfOf(page) },
      { 'sec-fetch-site': 'cross-site' },
    );
    expect(crossSite.status).toBe(403);
    expect(await links(person.token)).toEqual([org.id]);
  });

  it('unlink and leave act on the logged-in person only; twice at once, one acts; odd ids change nothing', async () => {
    const person = await signupAndLogin(`pg@${freshDomain()}`);
    const other = await signupAndLogin(`pg@${freshDomain()}`);
    const org = await createOrg();
    await linkWithCode(org.apiKey, person.token);
    await importMembers(org.apiKey, { members: [person.email] });
    const intruder = loggedIn(other);
    const theirPage = await intruder.get('/account/links');
    const stolen = await intruder.submit(`/account/links/${org.id}/unlink`, theirPage);
    expect(stolen.status).toBe(404);
    const notTheirs = await intruder.submit(`/account/memberships/${org.id}/leave`, theirPage);
    expect(notTheirs.status).toBe(404);
    expect(await links(person.token)).toEqual([org.id]);

    const client = loggedIn(person);
    const page = await client.get('/account/links');
    for (const id of ['%E2%9C%93', `${org.id}%20`, 'x'.repeat(300)]) {
      expect((await client.submit(`/account/links/${id}/unlink`, page)).status).toBe(404);
    }
    const both = await Promise.all([
      client.submit(`/account/links/${org.id}/unlink`, page),
      client.submit(`/account/links/${org.id}/unlink`, page),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([303, 404]);
    expect(await links(person.token)).toEqual([]);
    const left = await Promise.all([
      client.submit(`/account/memberships/${org.id}/leave`, page),
      client.submit(`/account/memberships/${org.id}/leave`, page),
    ]);
    expect(left.map((r) => r.status).sort()).toEqual([303, 404]);
    const memberships = await client.get('/account/memberships?notice=left');
    expect(memberships.html).toContain('You left that organisation');
    expect(memberships.html).toContain('id="no-memberships"');
  });

  it('the access log page refuses a cursor it did not issue with a 400 page, and escapes names', async () => {
    const person = await signupAndLogin();
    const org = await createOrg(`<script>alert(1)</script> ${Date.now()}`);
    await linkWithCode(org.apiKey, person.token);
    const client = loggedIn(person);
    const bad = await client.get('/account/access-log?cursor=%E2%9C%93');
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('That page of the log does not exist');
    const linksPage = await client.get('/account/links');
    expect(linksPage.html).not.toContain('<script>alert(1)</script>');
    expect(linksPage.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
