import { readFileSync } from 'node:fs';
import { testSql } from '../helpers/db';
import { testEnv } from '../helpers/env';
import { adminHeaders, createOrg, freshLoopback, http, postFrom } from '../helpers/http';
import { invite, signupAndLogin } from '../helpers/linking';
import { uniqueUserId } from '../helpers/events';
import { PageClient, pathOf } from '../helpers/page-client';
import { eventually } from '../helpers/temporal';

jest.setTimeout(60_000);
const sql = testSql();
afterAll(() => sql.end());

const NEW_PASSWORD = 'a brand new long password';
const newEmail = () => `r${Date.now()}${Math.random().toString(36).slice(2, 8)}@example.com`;
const requestReset = (email: string, ip = freshLoopback()) =>
  postFrom(ip, '/v1/users/password-reset/request', { email });
const confirm = (token: string, password = NEW_PASSWORD) =>
  http('POST', '/v1/users/password-reset/confirm', { body: { token, password } });
const login = (email: string, password: string) => postFrom(freshLoopback(), '/v1/users/login', { email, password });
const resetMails = async (email: string) =>
  (
    (await http('GET', `/admin/outbox?to=${encodeURIComponent(email)}`, { headers: adminHeaders() })).body.messages as {
      subject: string;
      text: string;
    }[]
  ).filter((m) => m.subject === 'Set a new MIR password');
/** The newest reset token mailed to the address (the mail goes out just after the 202). */
const mailedToken = (email: string, count = 1) =>
  eventually(async () => {
    const mails = await resetMails(email);
    return mails.length >= count ? /Token: (\S+)/.exec(mails[0]!.text)![1]! : undefined;
  });

describe('password reset over the JSON API', () => {
  it('mails a single-use token; confirm sets the password and ends every session', async () => {
    const person = await signupAndLogin();
    const requested = await requestReset(person.email);
    expect(requested.status).toBe(202);
    expect(requested.body).toEqual({ accepted: true });
    const token = await mailedToken(person.email);
    expect(token).toMatch(/^mir_pr_/);
    const stored = JSON.stringify(await sql`select * from password_reset_tokens where mir_user_id = ${person.id}`);
    expect(stored).not.toContain(token);
    expect(stored).toContain('expires_at');

    const done = await confirm(token);
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ passwordReset: true });
    expect((await http('GET', '/v1/me', { headers: { authorization: `Bearer ${person.token}` } })).status).toBe(401);
    expect((await login(person.email, person.password)).status).toBe(401);
    expect((await login(person.email, NEW_PASSWORD)).status).toBe(200);

    const reused = await confirm(token, 'yet another long password');
    expect(reused.status).toBe(400);
    expect(reused.body.error.code).toBe('invalid_token');
    expect((await login(person.email, NEW_PASSWORD)).status).toBe(200);
  });

  it('answers an unknown address exactly like a known one, and mails nobody', async () => {
    const known = await signupAndLogin();
    const unknown = newEmail();
    const [a, b] = [await requestReset(known.email), await requestReset(unknown)];
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(b.body).toEqual(a.body);
    await mailedToken(known.email);
    expect(await resetMails(unknown)).toEqual([]);
  });

  it('an expired token (1 hour) is refused and changes nothing', async () => {
    const person = await signupAndLogin();
    await requestReset(person.email);
    const token = await mailedToken(person.email);
    const [row] = await sql`select extract(epoch from expires_at - created_at)::int as ttl
                            from password_reset_tokens where mir_user_id = ${person.id}`;
    expect(Math.abs(row!.ttl - 3600)).toBeLessThanOrEqual(5);
    await sql`update password_reset_tokens set expires_at = now() - interval '1 second' where mir_user_id = ${person.id}`;
    const res = await confirm(token);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_token');
    expect((await login(person.email, person.password)).status).toBe(200);
  });

  it('throttled: 10 requests per address per 15 minutes (429), and at most 3 mails an hour per account', async () => {
    const ip = freshLoopback();
    for (let i = 0; i < 10; i += 1) expect((await requestReset(newEmail(), ip)).status).toBe(202);
    const refused = await requestReset(newEmail(), ip);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);

    const person = await signupAndLogin();
    for (let i = 0; i < 5; i += 1) expect((await requestReset(person.email)).status).toBe(202);
    // Each mail's token row is written before the 202 and the mail after it: three rows, so no
    // fourth mail is on its way once the three have arrived.
    const [tokens] = await sql`select count(*)::int as n from password_reset_tokens where mir_user_id = ${person.id}`;
    expect(tokens!.n).toBe(3);
    await mailedToken(person.email, 3);
    expect(await resetMails(person.email)).toHaveLength(3);
  });
});

describe('password reset pages', () => {
  it('from the invite page’s "Forgot your password?" to a new password; the token never reaches the log', async () => {
    const org = await createOrg();
    const invitePath = pathOf((await invite(org.apiKey, uniqueUserId())).inviteUrl);
    const person = await signupAndLogin();
    const browser = new PageClient();
    expect((await browser.get(invitePath)).html).toContain('href="/account/password-reset"');

    const form = await browser.get('/account/password-reset');
    expect(form.status).toBe(200);
    expect((await browser.post('/account/password-reset', { email: person.email })).status).toBe(403); // no CSRF
    const sent = await browser.submit('/account/password-reset', form, { email: person.email });
    expect(sent.status).toBe(200);
    expect(sent.html).toContain('Check your mail');

    const token = await mailedToken(person.email);
    const mail = (await resetMails(person.email))[0]!.text;
    const path = pathOf(/(http\S+\/account\/password-reset\/\S+)/.exec(mail)![1]!);
    expect(path).toBe(`/account/password-reset/${token}`);
    const setForm = await browser.get(path);
    expect(setForm.status).toBe(200);
    expect((await browser.submit(path, setForm, { password: 'short' })).status).toBe(400);
    const done = await browser.submit(path, setForm, { password: NEW_PASSWORD });
    expect(done.status).toBe(200);
    expect(done.html).toContain('Password changed');
    expect((await browser.submit(path, setForm, { password: NEW_PASSWORD })).status).toBe(410);
    expect((await login(person.email, NEW_PASSWORD)).status).toBe(200);

    // The last request that carried the token in its path is logged (so every earlier one is too).
    const log = await eventually(async () => {
      const text = readFileSync(testEnv().logFile, 'utf8');
      const lines = text
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l));
      const reused = lines.some(
        (l) =>
          l.req?.method === 'POST' && l.req?.url === '/account/password-reset/[redacted]' && l.res?.statusCode === 410,
      );
      return reused ? text : undefined;
    });
    expect(log).toContain('/account/password-reset/[redacted]');
    expect(log).not.toContain(token);
  });
});
