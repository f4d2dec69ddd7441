import { testSql } from '../helpers/db';
import { keyHeaders, uniqueUserId } from '../helpers/events';
import { adminHeaders, createOrg, freshLoopback, http, postFrom } from '../helpers/http';
import { invite, signupAndLogin, verificationTokenOf } from '../helpers/linking';
import { freshDomain, importMembers, listInvites } from '../helpers/members';
import { PageClient, pathOf } from '../helpers/page-client';
import { eventually, useTemporalClient, workflowIsUnknown } from '../helpers/temporal';

jest.setTimeout(90_000);
const sql = testSql();
const temporal = useTemporalClient();
afterAll(() => sql.end());

const PASSWORD = 'correct horse battery';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const me = (token: string) => http('GET', '/v1/me', { headers: bearer(token) });
const login = async (email: string) =>
  (await postFrom(freshLoopback(), '/v1/users/login', { email, password: PASSWORD })).body.token as string;
/** With a session the token is enough; without one the account's password proves the account. */
const verify = (token: string, headers: Record<string, string> = {}) =>
  http('POST', '/v1/users/verify-email', {
    headers,
    body: headers.authorization || headers.cookie ? { token } : { token, password: PASSWORD },
  });
const verificationMails = async (email: string) =>
  (
    (await http('GET', `/admin/outbox?to=${encodeURIComponent(email)}`, { headers: adminHeaders() })).body.messages as {
      subject: string;
    }[]
  ).filter((m) => m.subject.startsWith('Verify'));
const issueCode = async (apiKey: string) =>
  (await http('POST', '/partners/link/code', { headers: keyHeaders(apiKey), body: { userId: uniqueUserId() } })).body
    .code as string;
const redeem = (token: string, code: string) =>
  postFrom(freshLoopback(), '/v1/me/links/code', { code }, { headers: bearer(token) });

describe('only verified people link', () => {
  it('an unverified person cannot redeem a code (403 email_not_verified, the code stays usable); verified, they can', async () => {
    const org = await createOrg();
    const person = await signupAndLogin(undefined, undefined, { verified: false });
    const code = await issueCode(org.apiKey);
    const refused = await redeem(person.token, code);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('email_not_verified');
    expect((await http('GET', '/v1/me/links', { headers: bearer(person.token) })).body.links).toEqual([]);

    expect((await verify(await verificationTokenOf(person.email))).status).toBe(200);
    expect((await me(person.token)).status).toBe(401); // verification ended the session it did not come from
    const linked = await redeem(await login(person.email), code);
    expect(linked.status).toBe(200);
    expect(linked.body.partner.id).toBe(org.id);
  });

  it('the invite page refuses Confirm until the address is verified, says so and mails the link again', async () => {
    const org = await createOrg();
    const userId = uniqueUserId();
    const path = pathOf((await invite(org.apiKey, userId)).inviteUrl);
    const person = await signupAndLogin(undefined, undefined, { verified: false });
    const browser = new PageClient();
    const opened = await browser.get(path);
    expect((await browser.submit(`${path}/login`, opened, { email: person.email, password: PASSWORD })).status).toBe(
      303,
    );
    const page = await browser.get(path);
    expect(page.html).toContain('Verify your email address before you link');
    expect(page.html).toContain(`action="${path}/resend-verification"`);
    expect(page.html).not.toContain(`action="${path}/confirm"`);

    const confirm = await browser.submit(`${path}/confirm`, page);
    expect(confirm.status).toBe(403);
    expect(confirm.html).toContain('Verify your email address before you link');
    expect(
      (
        await sql`select status from link_requests where partner_user_id in (
      select id from partner_users where organization_id = ${org.id})`
      )[0]!.status,
    ).toBe('PENDING');

    const resent = await browser.submit(`${path}/resend-verification`, page);
    expect(resent.status).toBe(303);
    expect(resent.location).toBe(`${path}?notice=verification-sent`);
    expect(await verificationMails(person.email)).toHaveLength(2);
    const tooSoon = await browser.submit(`${path}/resend-verification`, page);
    expect(tooSoon.status).toBe(429);
    expect(Number(tooSoon.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await verificationMails(person.email)).toHaveLength(2);

    // The mail's page, opened in the same browser: verifying keeps this browser's session.
    const mailPath = `/account/verify-email/${await verificationTokenOf(person.email)}`;
    const verifyPage = await browser.get(mailPath);
    expect(verifyPage.status).toBe(200);
    const verified = await browser.submit(mailPath, verifyPage);
    expect(verified.status).toBe(200);
    expect(verified.html).toContain('is verified');
    const ready = await browser.get(path);
    expect(ready.html).toContain(`action="${path}/confirm"`);
    const linked = await browser.submit(`${path}/confirm`, ready);
    expect(linked.status).toBe(200);
    expect(linked.html).toContain('Your MIR account is now linked to');
  });

  it('member invites wait for verification: none is claimed at login, all are once the address is verified', async () => {
    const d = freshDomain();
    const org = await createOrg();
    const email = `squat@${d}`;
    await importMembers(org.apiKey, { admins: [email] });
    const person = await signupAndLogin(email, undefined, { verified: false });
    await login(email); // a login resumes auto-linking, for verified people only
    // Login answers after deciding whether to start the auto-link: for an unverified person it started none.
    expect(await workflowIsUnknown(temporal.client, `member-autolink:${person.id}`)).toBe(true);
    expect((await listInvites(org.apiKey, '?status=PENDING')).body.invites.map((i: any) => i.email)).toEqual([email]);
    expect((await verify(await verificationTokenOf(email))).status).toBe(200);
    await eventually(async () =>
      (await listInvites(org.apiKey, '?status=CLAIMED')).body.invites.length === 1 ? true : undefined,
    );
  });
});

describe('verification ends the other sessions', () => {
  it('all but the session the verification is sent with; with none, all of them', async () => {
    const person = await signupAndLogin(undefined, undefined, { verified: false });
    const other = await login(person.email);
    expect((await verify(await verificationTokenOf(person.email), bearer(person.token))).status).toBe(200);
    expect((await me(person.token)).body.emailVerified).toBe(true);
    expect((await me(other)).status).toBe(401);

    const second = await signupAndLogin(undefined, undefined, { verified: false });
    expect((await verify(await verificationTokenOf(second.email))).status).toBe(200);
    expect((await me(second.token)).status).toBe(401);
  });
});

describe('POST /v1/users/verify-email/resend', () => {
  it('mails a new token that verifies; once every 5 minutes (429 with Retry-After); 409 once verified', async () => {
    const person = await signupAndLogin(undefined, undefined, { verified: false });
    const resend = () => http('POST', '/v1/users/verify-email/resend', { headers: bearer(person.token) });
    const first = await resend();
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ sent: true });
    const again = await resend();
    expect(again.status).toBe(429);
    expect(again.body.error.code).toBe('too_many_attempts');
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(200);
    expect(await verificationMails(person.email)).toHaveLength(2);
    expect((await verify(await verificationTokenOf(person.email), bearer(person.token))).status).toBe(200);
    const done = await resend();
    expect(done.status).toBe(409);
    expect((await http('POST', '/v1/users/verify-email/resend')).status).toBe(401);
  });
});
