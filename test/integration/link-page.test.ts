import { readFileSync } from 'node:fs';
import { testSql } from '../helpers/db';
import { testEnv } from '../helpers/env';
import { keyHeaders, uniqueUserId } from '../helpers/events';
import { adminHeaders, createOrg, http } from '../helpers/http';
import { allowRedirects, invite, signupAndLogin, verificationTokenOf } from '../helpers/linking';
import { PageClient, csrfOf, pathOf } from '../helpers/page-client';

jest.setTimeout(60_000);
const sql = testSql();
afterAll(() => sql.end());

const PASSWORD = 'correct horse battery';
const uniqueEmail = () => `page${Date.now()}${Math.random().toString(36).slice(2, 8)}@example.com`;
const status = (apiKey: string, userId: string) =>
  http('GET', `/partners/link/status?userId=${encodeURIComponent(userId)}`, { headers: keyHeaders(apiKey) });
const requestStatus = async (inviteId: string) =>
  (await sql`select status from link_requests where id = ${inviteId}`)[0]!.status as string;

/** A page answer: HTML with the page headers, never the JSON error body. */
function expectHtmlPage(page: { status: number; headers: Headers; html: string }, statusCode: number) {
  expect(page.status).toBe(statusCode);
  expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  expect(page.html).toMatch(/^<!doctype html>/);
  expect(page.html).not.toContain('{"error"'); // not the JSON error body
  expect(page.html).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
  expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
  expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(page.headers.get('x-frame-options')).toBe('DENY');
  expect(page.headers.get('referrer-policy')).toBe('no-referrer');
  expect(page.headers.get('cache-control')).toBe('no-store');
}

/** A person with a MIR account, logged in on the page of this invite (through the page's own forms). */
async function loggedInOnPage(path: string) {
  const browser = new PageClient();
  const email = uniqueEmail();
  const person = await signupAndLogin(email);
  const page = await browser.get(path);
  const login = await browser.submit(`${path}/login`, page, { email, password: person.password });
  expect(login.status).toBe(303);
  return { browser, person, page: await browser.get(path) };
}

async function newInvite(extra: Record<string, unknown> = {}, orgName?: string) {
  const org = await createOrg(orgName);
  const userId = uniqueUserId();
  if (typeof extra.redirectUrl === 'string') await allowRedirects(org.apiKey, [new URL(extra.redirectUrl).origin]);
  const inv = await invite(org.apiKey, userId, extra);
  return { org, userId, inv, path: pathOf(inv.inviteUrl), token: pathOf(inv.inviteUrl).split('/')[2]! };
}

describe('GET /link/<token>', () => {
  it('404 page for an unknown, malformed or non-invite token, and for anything else under /link', async () => {
    const browser = new PageClient();
    const unknown = await browser.get(`/link/${'A'.repeat(43)}`);
    expectHtmlPage(unknown, 404);
    expect(unknown.html).toContain('This link is not valid');
    expectHtmlPage(await browser.get('/link/short'), 404);
    // A form's path exists for POST only: 405 (method-not-allowed.test.ts).
    expectHtmlPage(await browser.get(`/link/${'A'.repeat(43)}/confirm`), 405);
    expectHtmlPage(await browser.get('/link/a/b/c'), 404);
    const org = await createOrg();
    const code = await http('POST', '/partners/link/code', {
      headers: keyHeaders(org.apiKey),
      body: { userId: uniqueUserId() },
    });
    expect(code.status).toBe(201);
    expectHtmlPage(await browser.get(`/link/${code.body.code}`), 404);
    expectHtmlPage(await browser.get(`/link/${code.body.code.replace('-', '')}`), 404);
  });

  it('names the partner, says what linking shares, offers log-in, sign-up and decline, sets a strict CSRF cookie', async () => {
    const { org, path } = await newInvite();
    const browser = new PageClient();
    const page = await browser.get(path);
    expectHtmlPage(page, 200);
    expect(page.html).toMatch(/<meta name="viewport" content="width=device-width, initial-scale=1" ?\/?>/);
    expect(page.html).toContain(`${org.name}</span> asks to link your MIR account`);
    expect(page.html).toContain('History signals only: how many events, how many partners, how recent.');
    expect(page.html).toContain('Never the events themselves, never your email.');
    for (const action of ['login', 'signup', 'decline']) expect(page.html).toContain(`action="${path}/${action}"`);
    expect(page.html).not.toContain(`action="${path}/confirm"`);
    expect(page.html).not.toMatch(/<script|<link /);
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self'");
    const csrfCookie = browser.setCookies.find((c) => c.startsWith('mir_csrf='))!;
    expect(csrfCookie).toMatch(/HttpOnly/);
    expect(csrfCookie).toMatch(/SameSite=Strict/);
    expect(csrfCookie).toMatch(/Path=\/link/);
    expect(browser.cookies.get('mir_csrf')).toBe(csrfOf(page));
    // The same browser keeps its token across pages.
    expect(csrfOf(await browser.get(path))).toBe(csrfOf(page));
  });

  it('escapes the partner-controlled name', async () => {
    const name = `<script>alert(1)</script> & "Co" ${Date.now()}`;
    const created = await http('POST', '/admin/organizations', {
      headers: adminHeaders(),
      body: { name, plan: 'enterprise' },
    });
    expect(created.status).toBe(201);
    const inv = await invite(created.body.apiKey, uniqueUserId());
    const page = await new PageClient().get(pathOf(inv.inviteUrl));
    expectHtmlPage(page, 200);
    expect(page.html).not.toContain('<script>');
    expect(page.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;');
  });
});

describe('sign-up, log-in and confirm on the page', () => {
  it('signs up (verification mail sent), logs in, confirms: the link exists for the partner and the person', async () => {
    const { org, userId, inv, path } = await newInvite();
    const browser = new PageClient();
    const email = uniqueEmail();
    const first = await browser.get(path);

    const tooShort = await browser.submit(`${path}/signup`, first, { email, password: 'short' });
    expectHtmlPage(tooShort, 400);
    expect(tooShort.html).toContain('at least 10 characters');

    const signup = await browser.submit(`${path}/signup`, first, { email, password: PASSWORD });
    expect(signup.status).toBe(303);
    expect(signup.location).toBe(`${path}?notice=signed-up`);
    expect(browser.cookies.has('mir_session')).toBe(false);
    await verificationTokenOf(email); // the mail follows the answer
    const mail = await sql`select subject from outbox where to_email = ${email}`;
    expect(mail.map((m) => m.subject)).toEqual(['Verify your MIR email address']);
    const afterSignup = await browser.get(signup.location!);
    expect(afterSignup.html).toContain('Account created.');

    const wrong = await browser.submit(`${path}/login`, afterSignup, { email, password: 'not the password' });
    expectHtmlPage(wrong, 401);
    expect(wrong.html).toContain('Email or password is wrong.');

    const login = await browser.submit(`${path}/login`, afterSignup, {
      email: email.toUpperCase(),
      password: PASSWORD,
    });
    expect(login.status).toBe(303);
    expect(login.location).toBe(path);
    const sessionCookie = browser.setCookies.find((c) => c.startsWith('mir_session='))!;
    expect(sessionCookie).toContain('HttpOnly');
    expect(sessionCookie).toContain('SameSite=Lax');

    const loggedIn = await browser.get(path);
    expectHtmlPage(loggedIn, 200);
    expect(loggedIn.html).toContain(`Logged in as <strong class="partner">${email}</strong>`);
    // Only a verified person confirms (verified-linking.test.ts); verified in this browser, its session stays.
    expect(loggedIn.html).not.toContain(`action="${path}/confirm"`);
    const token = await verificationTokenOf(email);
    const verify = await http('POST', '/v1/users/verify-email', {
      headers: { cookie: browser.cookieHeader() },
      body: { token },
    });
    expect(verify.status).toBe(200);
    const verified = await browser.get(path);
    expect(verified.html).toContain(`action="${path}/confirm"`);

    const confirmed = await browser.submit(`${path}/confirm`, verified);
    expectHtmlPage(confirmed, 200);
    expect(confirmed.html).toContain('Your MIR account is now linked to');
    expect(confirmed.html).toContain(org.name);

    expect((await status(org.apiKey, userId)).body).toMatchObject({ userId, linked: true });
    const links = await http('GET', '/v1/me/links', { headers: { cookie: browser.cookieHeader() } });
    expect(links.status).toBe(200);
    expect(links.body.links).toEqual([{ partner: { id: org.id, name: org.name }, linkedAt: expect.any(String) }]);
    expect(await requestStatus(inv.inviteId)).toBe('CONFIRMED');

    // Used: the page and a second confirm both say so.
    const again = await browser.submit(`${path}/confirm`, loggedIn);
    expectHtmlPage(again, 410);
    expect(again.html).toContain('This link has already been used');
    const reopened = await browser.get(path);
    expectHtmlPage(reopened, 410);
    expect(reopened.html).toContain('already been used');
  });

  it('never logs the token: request lines keep /link/[redacted]', async () => {
    const { path, token } = await newInvite();
    const { browser, page } = await loggedInOnPage(path);
    const requestId = `link-page-log-${Date.now()}`;
    const res = await browser.post(`${path}/confirm`, { csrf: csrfOf(page) }, { 'x-request-id': requestId });
    expect(res.status).toBe(200);
    let line: Record<string, any> | undefined;
    for (let i = 0; i < 40 && !line; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      line = readFileSync(testEnv().logFile, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l))
        .find((l) => l.requestId === requestId && l.res);
    }
    expect(line).toMatchObject({ req: { method: 'POST', url: '/link/[redacted]/confirm' }, res: { statusCode: 200 } });
    expect(readFileSync(testEnv().logFile, 'utf8')).not.toContain(token);
  });

  it('confirm without a session shows the log-in and links nothing', async () => {
    const { org, userId, inv, path } = await newInvite();
    const browser = new PageClient();
    const page = await browser.get(path);
    const res = await browser.submit(`${path}/confirm`, page);
    expectHtmlPage(res, 401);
    expect(res.html).toContain('Log in or sign up first, then confirm.');
    expect(res.html).toContain(`action="${path}/login"`);
    expect(res.html).toContain(`action="${path}/signup"`);
    expect((await status(org.apiKey, userId)).body.linked).toBe(false);
    expect(await requestStatus(inv.inviteId)).toBe('PENDING');
  });

  it('403 without a matching CSRF token (missing, wrong, no cookie, JSON body); nothing is linked', async () => {
    const { org, userId, inv, path } = await newInvite();
    const { browser, page } = await loggedInOnPage(path);
    const csrf = csrfOf(page);
    const attempts = [
      () => browser.post(`${path}/confirm`, {}),
      () => browser.post(`${path}/confirm`, { csrf: `${csrf.slice(0, -1)}${csrf.endsWith('A') ? 'B' : 'A'}` }),
      () => browser.post(`${path}/confirm`, { csrf: '' }),
      () =>
        browser.request('POST', `${path}/confirm`, {
          headers: { 'content-type': 'application/json' },
          rawBody: JSON.stringify({ csrf }),
        }),
      () => browser.post(`${path}/confirm`, { csrf }, { 'sec-fetch-site': 'cross-site' }),
      async () => {
        const stranger = new PageClient();
        stranger.cookies.set('mir_session', browser.cookies.get('mir_session')!);
        return stranger.post(`${path}/confirm`, { csrf });
      },
      () => browser.post(`${path}/decline`, {}),
      () => browser.post(`${path}/login`, { email: 'a@example.com', password: PASSWORD }),
      () => browser.post(`${path}/signup`, { email: uniqueEmail(), password: PASSWORD }),
    ];
    for (const attempt of attempts) {
      const res = await attempt();
      expectHtmlPage(res, 403);
      expect(res.html).toContain('Please try again');
    }
    expect((await status(org.apiKey, userId)).body.linked).toBe(false);
    expect(await requestStatus(inv.inviteId)).toBe('PENDING');
    // The real form still works afterwards.
    expect((await browser.submit(`${path}/confirm`, page)).status).toBe(200);
  });

  it('two people confirming at once: one link, the other sees the used page', async () => {
    const { org, userId, path } = await newInvite();
    const [a, b] = await Promise.all([loggedInOnPage(path), loggedInOnPage(path)]);
    const answers = await Promise.all([
      a.browser.submit(`${path}/confirm`, a.page),
      b.browser.submit(`${path}/confirm`, b.page),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 410]);
    expect(answers.find((r) => r.status === 410)!.html).toContain('already been used');
    expect((await status(org.apiKey, userId)).body.linked).toBe(true);
    const links = await sql`select id from partner_links where organization_id = ${org.id}`;
    expect(links).toHaveLength(1);
  });

  it('honours redirectUrl with a 303 after confirming, and allows its origin as a form target', async () => {
    const redirectUrl = 'https://partner.example/linked?ref=abc';
    const { org, userId, path } = await newInvite({ redirectUrl });
    const { browser, page } = await loggedInOnPage(path);
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self' https://partner.example");
    const res = await browser.submit(`${path}/confirm`, page);
    expect(res.status).toBe(303);
    expect(res.location).toBe(redirectUrl);
    expect((await status(org.apiKey, userId)).body.linked).toBe(true);
  });

  it('409 page when the person already has a link with this partner', async () => {
    const org = await createOrg();
    const first = await invite(org.apiKey, uniqueUserId());
    const { browser, page } = await loggedInOnPage(pathOf(first.inviteUrl));
    expect((await browser.submit(`${pathOf(first.inviteUrl)}/confirm`, page)).status).toBe(200);
    const secondUser = uniqueUserId();
    const second = pathOf((await invite(org.apiKey, secondUser)).inviteUrl);
    const res = await browser.submit(`${second}/confirm`, await browser.get(second));
    expectHtmlPage(res, 409);
    expect(res.html).toContain('Already linked');
    expect((await status(org.apiKey, secondUser)).body.linked).toBe(false);
  });

  it('logs out: the session stops working', async () => {
    const { path } = await newInvite();
    const { browser, page } = await loggedInOnPage(path);
    const session = browser.cookies.get('mir_session')!;
    const res = await browser.submit(`${path}/logout`, page);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${path}?notice=logged-out`);
    expect(browser.cookies.has('mir_session')).toBe(false);
    expect((await http('GET', '/v1/me', { headers: { cookie: `mir_session=${session}` } })).status).toBe(401);
    const after = await browser.get(res.location!);
    expect(after.html).toContain('You are logged out.');
    expect(after.html).toContain(`action="${path}/login"`);
  });

  it('answers HTML for malformed and oversized forms', async () => {
    const { path } = await newInvite();
    const browser = new PageClient();
    const page = await browser.get(path);
    const big = await browser.submit(`${path}/login`, page, { email: 'a@example.com', password: 'x'.repeat(20_000) });
    expectHtmlPage(big, 413);
    const bad = await browser.submit(`${path}/login`, page, { email: 'not an email', password: 'x' });
    expectHtmlPage(bad, 400);
  });
});

describe('decline and expiry', () => {
  it('declines without an account: nothing linked, the invite is closed and its page says used', async () => {
    const { org, userId, inv, path } = await newInvite();
    const browser = new PageClient();
    const res = await browser.submit(`${path}/decline`, await browser.get(path));
    expectHtmlPage(res, 200);
    expect(res.html).toContain('Nothing was linked.');
    expect(await requestStatus(inv.inviteId)).toBe('DECLINED');
    expect((await status(org.apiKey, userId)).body).toEqual({ userId, linked: false });
    const reopened = await browser.get(path);
    expectHtmlPage(reopened, 410);
    expect(reopened.html).toContain('This link has already been used');
  });

  it('410 expired page once the workflow expires the invite; confirming then links nothing', async () => {
    const org = await createOrg();
    const settings = await http('PATCH', '/portal/api/settings', {
      headers: keyHeaders(org.apiKey),
      body: { linkInviteTtlSeconds: 5 },
    });
    expect(settings.status).toBe(200);
    const userId = uniqueUserId();
    const inv = await invite(org.apiKey, userId);
    const path = pathOf(inv.inviteUrl);
    const { browser, page } = await loggedInOnPage(path);
    const deadline = Date.now() + 20_000;
    let current = await browser.get(path);
    while (current.status !== 410 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      current = await browser.get(path);
    }
    expectHtmlPage(current, 410);
    expect(current.html).toContain('This link has expired');
    const late = await browser.submit(`${path}/confirm`, page);
    expectHtmlPage(late, 410);
    expect(late.html).toContain('expired');
    expect((await status(org.apiKey, userId)).body.linked).toBe(false);
    // The workflow closes the request; the page may say expired a moment before it does.
    const closeDeadline = Date.now() + 10_000;
    while ((await requestStatus(inv.inviteId)) !== 'EXPIRED' && Date.now() < closeDeadline)
      await new Promise((r) => setTimeout(r, 250));
    expect(await requestStatus(inv.inviteId)).toBe('EXPIRED');
  });
});
