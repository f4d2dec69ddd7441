import type { Router } from 'express';
import type { AppDeps } from '../../src/api/context';
import { accountPageRouter } from '../../src/api/pages/account-pages';
import { linkPageRouter } from '../../src/api/pages/link-page';
import { testSql } from '../helpers/db';
import { keyHeaders, uniqueUserId } from '../helpers/events';
import { adminHeaders, createOrg, freshLoopback, http, postFrom } from '../helpers/http';
import { invite, signupAndLogin, verificationTokenOf } from '../helpers/linking';
import { PageClient, type PageResult, csrfOf, pathOf } from '../helpers/page-client';
import { eventually } from '../helpers/temporal';

jest.setTimeout(120_000);
const sql = testSql();
afterAll(() => sql.end());

/**
 * The pages' two promises, on every page and every form: no answer can be framed (CSP
 * frame-ancestors 'none' and X-Frame-Options DENY, error pages included), and no form acts
 * without the browser's own CSRF token in a same-site post. The forms are read from the page
 * routers, so a new form cannot go without its row.
 */
function expectUnframeable(page: PageResult) {
  expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(page.headers.get('x-frame-options')).toBe('DENY');
}

/** `METHOD /mount/path` of every route the page routers serve (their catch-all aside). */
function pageRoutes(): string[] {
  // Enough for the routers to be built: no route runs here.
  const deps = { config: { PORT: 0 }, database: { db: {} } } as unknown as AppDeps;
  const mounted: [string, Router][] = [
    ['/link', linkPageRouter(deps)],
    ['/account', accountPageRouter(deps)],
  ];
  return mounted.flatMap(([mount, router]) =>
    (router.stack as { route?: { path: string; methods: Record<string, boolean> } }[]).flatMap((layer) =>
      Object.keys(layer.route?.methods ?? {})
        .filter((m) => m !== '_all')
        .map((m) => `${m.toUpperCase()} ${mount}${layer.route!.path}`),
    ),
  );
}

const PASSWORD = 'correct horse battery';
const newEmail = () => `guard${Date.now()}${Math.random().toString(36).slice(2, 8)}@example.com`;

async function resetTokenOf(email: string): Promise<string> {
  expect((await postFrom(freshLoopback(), '/v1/users/password-reset/request', { email })).status).toBe(202);
  return eventually(async () => {
    const outbox = await http('GET', `/admin/outbox?to=${encodeURIComponent(email)}`, { headers: adminHeaders() });
    const mail = (outbox.body.messages as { text: string }[]).find((m) => /password-reset\//.test(m.text));
    return /\/account\/password-reset\/(\S+)/.exec(mail?.text ?? '')?.[1];
  });
}

interface Fixture {
  invitePath: string;
  /** A verified person, logged in on the invite page in `browser`. */
  email: string;
  browser: PageClient;
  page: PageResult;
  resetPath: string;
  verifyPath: string;
}

/** Each form, and the fields a real browser would send with it (all valid but the CSRF token). */
const signupEmail = newEmail();
const FORMS: [route: string, url: (f: Fixture) => string, fields: (f: Fixture) => Record<string, string>][] = [
  ['POST /link/:token/signup', (f) => `${f.invitePath}/signup`, () => ({ email: signupEmail, password: PASSWORD })],
  ['POST /link/:token/login', (f) => `${f.invitePath}/login`, (f) => ({ email: f.email, password: PASSWORD })],
  ['POST /link/:token/confirm', (f) => `${f.invitePath}/confirm`, () => ({})],
  ['POST /link/:token/resend-verification', (f) => `${f.invitePath}/resend-verification`, () => ({})],
  ['POST /link/:token/decline', (f) => `${f.invitePath}/decline`, () => ({})],
  ['POST /link/:token/logout', (f) => `${f.invitePath}/logout`, () => ({})],
  ['POST /account/password-reset', () => '/account/password-reset', (f) => ({ email: f.email })],
  ['POST /account/password-reset/:token', (f) => f.resetPath, () => ({ password: 'a brand new password' })],
  ['POST /account/verify-email/:token', (f) => f.verifyPath, () => ({ password: PASSWORD })],
];

/** Ways a post misses the token: no field, another token, no cookie, or sent cross-site. */
const FORGERIES: [string, (f: Fixture, url: string, fields: Record<string, string>) => Promise<PageResult>][] = [
  ['no field', (f, url, fields) => f.browser.post(url, fields)],
  ['another token', (f, url, fields) => f.browser.post(url, { ...fields, csrf: 'A'.repeat(43) })],
  ['no cookie', (f, url, fields) => new PageClient().post(url, { ...fields, csrf: csrfOf(f.page) })],
  [
    'cross-site',
    (f, url, fields) => f.browser.post(url, { ...fields, csrf: csrfOf(f.page) }, { 'sec-fetch-site': 'cross-site' }),
  ],
];

let f: Fixture;
let org: { id: string; apiKey: string };
let userId: string;
let person: Awaited<ReturnType<typeof signupAndLogin>>;
let unverified: Awaited<ReturnType<typeof signupAndLogin>>;

beforeAll(async () => {
  org = await createOrg();
  userId = uniqueUserId();
  const invitePath = pathOf((await invite(org.apiKey, userId)).inviteUrl);
  person = await signupAndLogin();
  unverified = await signupAndLogin(undefined, undefined, { verified: false });
  const browser = new PageClient();
  const first = await browser.get(invitePath);
  expect((await browser.submit(`${invitePath}/login`, first, { email: person.email, password: PASSWORD })).status).toBe(
    303,
  );
  f = {
    invitePath,
    email: person.email,
    browser,
    page: await browser.get(invitePath),
    resetPath: `/account/password-reset/${await resetTokenOf(person.email)}`,
    verifyPath: `/account/verify-email/${await verificationTokenOf(unverified.email)}`,
  };
});

describe('the pages', () => {
  it('the table names every form of the page routers', () => {
    const forms = pageRoutes().filter((r) => r.startsWith('POST '));
    expect(forms.sort()).toEqual(FORMS.map(([route]) => route).sort());
  });

  it('every page, error pages included, refuses to be framed', async () => {
    const b = new PageClient();
    const paths = [
      f.invitePath,
      `/link/${'A'.repeat(43)}`,
      `${f.invitePath}/confirm`,
      '/link/a/b/c',
      '/account/password-reset',
      f.resetPath,
      f.verifyPath,
      `/account/password-reset/mir_pr_${'A'.repeat(43)}`,
      `/account/verify-email/mir_ev_${'A'.repeat(43)}`,
      '/account/nothing-here',
    ];
    const gets = pageRoutes().filter((r) => r.startsWith('GET '));
    expect(gets).toHaveLength(4);
    for (const path of paths) expectUnframeable(await b.get(path));
  });

  const rows = FORMS.flatMap(([route, url, fields]) =>
    FORGERIES.map(([how, post]) => [route, how, url, fields, post] as const),
  );
  it.each(rows)('%s with %s: 403, a page that cannot be framed', async (_route, _how, url, fields, post) => {
    const res = await post(f, url(f), fields(f));
    expect(res.status).toBe(403);
    expectUnframeable(res);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('mir_session=') && !/Max-Age=0/i.test(c))).toBe(false);
  });

  it('afterwards nothing any of those forms does has happened, and the real forms still work', async () => {
    const [request] = await sql`select status from link_requests where organization_id = ${org.id}`;
    expect(request!.status).toBe('PENDING');
    expect(await sql`select id from mir_users where email = ${signupEmail}`).toEqual([]);
    const [still] = await sql`select email_verified_at from mir_users where id = ${unverified.id}`;
    expect(still!.email_verified_at).toBeNull();
    const outbox = await http('GET', `/admin/outbox?to=${encodeURIComponent(person.email)}`, {
      headers: adminHeaders(),
    });
    const mails = outbox.body.messages as { subject: string; text: string }[];
    expect(mails.filter((m) => /password-reset\//.test(m.text))).toHaveLength(1);
    expect(mails.filter((m) => /^Verify/.test(m.subject))).toHaveLength(1);
    // Still logged in on the page (logout did nothing), and the reset token still unused.
    expect((await f.browser.get(f.invitePath)).html).toContain(person.email);
    const confirmed = await f.browser.submit(`${f.invitePath}/confirm`, f.page);
    expect(confirmed.status).toBe(200);
    const status = await http('GET', `/partners/link/status?userId=${userId}`, { headers: keyHeaders(org.apiKey) });
    expect(status.body.linked).toBe(true);
    const resetForm = await f.browser.get(f.resetPath);
    expect((await f.browser.submit(f.resetPath, resetForm, { password: 'a brand new password' })).status).toBe(200);
  });
});
