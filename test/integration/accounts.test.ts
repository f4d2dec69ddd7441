import { loadConfig } from '../../src/config';
import { testSql } from '../helpers/db';
import { testEnv } from '../helpers/env';
import { adminHeaders, freshLoopback, http, postFrom } from '../helpers/http';
import { eventually } from '../helpers/temporal';
import { describeAdminSecurity } from '../helpers/security';

const sql = testSql();
afterAll(() => sql.end());

const newEmail = () => `Person.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@Example.com`;
const password = 'a long enough password';
const outboxFor = async (email: string) =>
  (await http('GET', `/admin/outbox?to=${encodeURIComponent(email)}`, { headers: adminHeaders() })).body
    .messages as any[];
const tokenIn = (text: string) => /Token: (\S+)/.exec(text)![1]!;

describe('MIR accounts', () => {
  it('signs up, stores an argon2 hash only, mails a single-use token that verifies the email', async () => {
    const email = newEmail();
    const res = await http('POST', '/v1/users/signup', { body: { email, password } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^acct_/), email: email.toLowerCase(), emailVerified: false });
    const [row] = await sql`select password_hash from mir_users where id = ${res.body.id}`;
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
    // The mail follows the answer.
    const [mail] = await eventually(async () => ((await outboxFor(email)).length > 0 ? outboxFor(email) : undefined));
    expect(mail.subject).toMatch(/Verify/);
    const token = tokenIn(mail.text);
    expect(JSON.stringify(await sql`select * from email_tokens where mir_user_id = ${res.body.id}`)).not.toContain(
      token,
    );
    const verified = await http('POST', '/v1/users/verify-email', { body: { token, password } });
    expect(verified.body).toEqual({ id: res.body.id, email: email.toLowerCase(), emailVerified: true });
    const reused = await http('POST', '/v1/users/verify-email', { body: { token, password } });
    expect(reused.status).toBe(400);
    expect(reused.body.error.code).toBe('invalid_token');
  });

  it('answers a taken email exactly like a new one (no account oracle) and tells the owner by mail', async () => {
    const email = newEmail();
    const first = await http('POST', '/v1/users/signup', { body: { email, password } });
    const again = await http('POST', '/v1/users/signup', { body: { email, password: 'another long password' } });
    expect(again.status).toBe(201);
    expect(Object.keys(again.body).sort()).toEqual(Object.keys(first.body).sort());
    expect(again.body.id).not.toBe(first.body.id);
    const subjects = async () => (await outboxFor(email)).map((m) => m.subject);
    await eventually(async () =>
      (await subjects()).includes('Someone tried to sign up with your email') ? true : undefined,
    );
    expect((await sql`select count(*)::int as n from mir_users where email = ${email.toLowerCase()}`)[0]!.n).toBe(1);
  });

  it('logs in with a token and an HttpOnly cookie; /v1/me works; logout ends the session at once', async () => {
    const email = newEmail();
    await http('POST', '/v1/users/signup', { body: { email, password } });
    const login = await http('POST', '/v1/users/login', { body: { email: email.toUpperCase(), password } });
    expect(login.status).toBe(200);
    expect(login.body).toEqual({ token: expect.stringMatching(/^mir_sess_/), expiresAt: expect.any(String) });
    expect(login.headers.get('set-cookie')).toMatch(/^mir_session=[^;]+; Path=\/; Max-Age=\d+; SameSite=Lax; HttpOnly/);
    const auth = { authorization: `Bearer ${login.body.token}` };
    expect((await http('GET', '/v1/me', { headers: auth })).body).toMatchObject({
      email: email.toLowerCase(),
      emailVerified: false,
    });
    const cookie = { cookie: `mir_session=${login.body.token}` };
    expect((await http('GET', '/v1/me', { headers: cookie })).status).toBe(200);
    expect(JSON.stringify(await sql`select * from sessions`)).not.toContain(login.body.token);
    expect((await http('POST', '/v1/users/logout', { headers: auth })).status).toBe(200);
    expect((await http('GET', '/v1/me', { headers: auth })).status).toBe(401);
  });

  it('gives the same 401 for an unknown email and a wrong password', async () => {
    const email = newEmail();
    const ip = freshLoopback();
    await http('POST', '/v1/users/signup', { body: { email, password } });
    const wrong = await postFrom(ip, '/v1/users/login', { email, password: 'not the password' });
    const unknown = await postFrom(ip, '/v1/users/login', { email: newEmail(), password });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
    expect(wrong.body.error.code).toBe('invalid_credentials');
  });

  it('throttles per email: after 10 failures in 15 minutes, 429 with Retry-After, even for the right password', async () => {
    const email = newEmail();
    await http('POST', '/v1/users/signup', { body: { email, password } });
    for (let i = 0; i < 10; i += 1) {
      // A new source address each time: only the per-email count can be what stops the 11th.
      expect(
        (await postFrom(freshLoopback(), '/v1/users/login', { email, password: `wrong ${i} password` })).status,
      ).toBe(401);
    }
    const blocked = await postFrom(freshLoopback(), '/v1/users/login', { email, password });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('too_many_attempts');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
  });

  it('throttles per IP: MIR_LOGIN_FAILURES_PER_IP failures from one address block it for every email, not other addresses', async () => {
    const ip = freshLoopback();
    for (let i = 0; i < loadConfig({}).MIR_LOGIN_FAILURES_PER_IP; i += 1) {
      expect((await postFrom(ip, '/v1/users/login', { email: newEmail(), password })).status).toBe(401);
    }
    const email = newEmail();
    await http('POST', '/v1/users/signup', { body: { email, password } });
    expect((await postFrom(ip, '/v1/users/login', { email, password })).status).toBe(429);
    expect((await postFrom(freshLoopback(), '/v1/users/login', { email, password })).status).toBe(200);
  }, 300_000); // 50 logins one after another, each an argon2 check: minutes on a loaded machine

  it.each([
    ['a short password', { email: 'a@b.co', password: 'short' }],
    ['a bad email', { email: 'not-an-email', password }],
    ['an unknown field', { email: 'a@b.co', password, role: 'ADMIN' }],
  ])('400 validation_failed for %s', async (_label, body) => {
    const res = await http('POST', '/v1/users/signup', { body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });

  it('never logs passwords or tokens', async () => {
    const email = newEmail();
    const secret = `unique-password-${Date.now()}`;
    await http('POST', '/v1/users/signup', { body: { email, password: secret } });
    const login = await http('POST', '/v1/users/login', { body: { email, password: secret } });
    await http('GET', '/v1/me', { headers: { authorization: `Bearer ${login.body.token}` } });
    const { readFileSync } = await import('node:fs');
    const log = await eventually(async () => {
      const text = readFileSync(testEnv().logFile, 'utf8');
      return text.includes(email.toLowerCase()) && text.includes('/v1/me') ? text : undefined;
    });
    expect(log).not.toContain(secret);
    expect(log).not.toContain(login.body.token);
  });

  describeAdminSecurity('GET', '/admin/outbox?to=a@b.co');
});
