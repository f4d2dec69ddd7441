import { loadConfig } from '../../src/config';
import { LOGIN_FAILURE_LIMIT } from '../../src/services/accounts';
import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import { testSql } from '../helpers/db';
import { adminHeaders, http } from '../helpers/http';
import { verificationTokenOf } from '../helpers/linking';
import { PageClient, csrfOf } from '../helpers/page-client';
import { eventually } from '../helpers/temporal';

/**
 * Every password check (login, email verification) shares one count per account and one per
 * client address, taken before argon2 runs; a reset token runs argon2 at most once at a time. An
 * API process of its own (MIR_TRUST_PROXY=loopback: a test picks its client address with
 * X-Forwarded-For) keeps its argon2 counter free of the rest of the run.
 */
jest.setTimeout(120_000);
let api: ApiProcess;
beforeAll(async () => {
  // A wait for an argon2 slot far longer than any here, so no proof is refused 503 (and refunded) on a busy machine.
  api = await startApiProcess({
    MIR_TRUST_PROXY: 'loopback',
    MIR_ARGON2_CONCURRENCY: '2',
    MIR_ARGON2_WAIT_MS: '120000',
  });
}, 200_000);
afterAll(() => api?.stop());
const sql = testSql();
afterAll(() => sql.end());

const PASSWORD = 'correct horse battery';
let next = 0;
const run = Math.floor(Math.random() * 250);
/** A client address no other request of the run claims (as the proxy would report it). */
const freshClient = () => `10.${run}.${100 + Math.floor(next / 250)}.${(next++ % 250) + 1}`;
const newEmail = () => `pc${Date.now()}${Math.random().toString(36).slice(2, 8)}@example.com`;

const post = (path: string, body: unknown, client = freshClient()) =>
  http('POST', path, { baseUrl: api.url, headers: { 'x-forwarded-for': client }, body });
const verify = (token: string, password: string, client?: string) =>
  post('/v1/users/verify-email', { token, password }, client);
const login = (email: string, password: string) => post('/v1/users/login', { email, password });
const verifications = async () =>
  (await http('GET', '/admin/diagnostics/argon2', { baseUrl: api.url, headers: adminHeaders() })).body
    .verifications as number;
const hashes = async () =>
  (await http('GET', '/admin/diagnostics/argon2', { baseUrl: api.url, headers: adminHeaders() })).body.hashes as number;
const verifiedAt = async (email: string) =>
  (await sql`select email_verified_at from mir_users where email = ${email}`)[0]!.email_verified_at as Date | null;

/** A new, unverified account and the token its mail carries. */
async function account() {
  const email = newEmail();
  expect((await post('/v1/users/signup', { email, password: PASSWORD })).status).toBe(201);
  return { email, token: await verificationTokenOf(email) };
}

function expect429(res: { status: number; headers: Headers; body: any }) {
  expect(res.status).toBe(429);
  expect(res.body.error.code).toBe('too_many_attempts');
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
}

describe('POST /v1/users/verify-email: the password proof is counted before argon2', () => {
  it('30 wrong proofs at once for one token: argon2 runs 10 times, 20 get 429; then the right password is refused too', async () => {
    const { email, token } = await account();
    const before = await verifications();
    // Each from its own address: only the account's count can stop them.
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => verify(token, `wrong password ${i}`)));
    const ran = (await verifications()) - before;
    expect(ran).toBe(LOGIN_FAILURE_LIMIT);
    expect(results.filter((r) => r.status === 401)).toHaveLength(LOGIN_FAILURE_LIMIT);
    const refused = results.filter((r) => r.status !== 401);
    expect(refused).toHaveLength(30 - LOGIN_FAILURE_LIMIT);
    for (const res of refused) expect429(res);

    // Until the window ends the right password is refused too, on verify and on login alike, without argon2.
    expect429(await verify(token, PASSWORD));
    expect429(await login(email, PASSWORD));
    expect((await verifications()) - before).toBe(ran);
    expect(await verifiedAt(email)).toBeNull();
  });

  it('one count per account with login: wrong logins and wrong proofs add up, whichever comes first', async () => {
    const { email, token } = await account();
    const half = LOGIN_FAILURE_LIMIT / 2;
    const failures = await Promise.all([
      ...Array.from({ length: half }, (_, i) => login(email, `wrong login ${i}`)),
      ...Array.from({ length: half }, (_, i) => verify(token, `wrong proof ${i}`)),
    ]);
    expect(failures.map((r) => r.status)).toEqual(Array(LOGIN_FAILURE_LIMIT).fill(401));
    expect429(await login(email, PASSWORD));
    expect429(await verify(token, PASSWORD));
  });

  it('a right proof clears the account’s count, as a right login does', async () => {
    const { email, token } = await account();
    for (let i = 0; i < LOGIN_FAILURE_LIMIT - 1; i += 1) {
      expect((await (i % 2 ? login(email, `wrong ${i}`) : verify(token, `wrong ${i}`))).status).toBe(401);
    }
    const ok = await verify(token, PASSWORD);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ email, emailVerified: true });
    // The count starts over: a full window of wrong logins is answered 401 again before any 429.
    for (let i = 0; i < LOGIN_FAILURE_LIMIT; i += 1) expect((await login(email, `again ${i}`)).status).toBe(401);
    expect429(await login(email, PASSWORD));
  });

  it('one client address shares its count across accounts, verify and login alike', async () => {
    const client = freshClient();
    const perAddress = loadConfig({}).MIR_LOGIN_FAILURES_PER_IP;
    const people = await Promise.all(Array.from({ length: 6 }, () => account()));
    const tries = people.flatMap((p) => Array.from({ length: 9 }, (_, i) => ({ p, i })));
    for (const { p, i } of tries.slice(0, perAddress)) {
      const wrong = `wrong ${i}`;
      const res = await (i % 3
        ? verify(p.token, wrong, client)
        : post('/v1/users/login', { email: p.email, password: wrong }, client));
      expect(res.status).toBe(401);
    }
    expect429(await verify(people[5]!.token, PASSWORD, client));
    expect((await verify(people[5]!.token, PASSWORD)).status).toBe(200);
  });

  it('odd bytes: a strange token or a refused password costs no argon2 and no count; a strange password is one counted failure', async () => {
    const { email, token } = await account();
    const before = await verifications();
    for (const odd of ['𝄞'.repeat(100), '../../admin', `${token}\n`, token.toUpperCase(), ' ']) {
      const res = await verify(odd, PASSWORD);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_token');
    }
    const refused = [
      { token: `${token}\u0000`, password: PASSWORD },
      { token: 'x'.repeat(201), password: PASSWORD },
      { token, password: 'x'.repeat(201) },
      { token, password: '' },
      { token, password: `${PASSWORD}\u0000` },
      { token, password: 7 },
    ];
    for (const body of refused) {
      const res = await post('/v1/users/verify-email', body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    const lone = await http('POST', '/v1/users/verify-email', {
      baseUrl: api.url,
      headers: { 'content-type': 'application/json', 'x-forwarded-for': freshClient() },
      rawBody: `{"token":"${token}","password":"a\\ud800b"}`,
    });
    expect(lone.status).toBe(400);
    expect(lone.body.error.code).toBe('validation_failed');
    expect((await verifications()) - before).toBe(0);

    const strange = ['𝄞'.repeat(100), ' ', `${PASSWORD} `, PASSWORD.toUpperCase()];
    for (const odd of strange) expect((await verify(token, odd)).status).toBe(401);
    expect((await verifications()) - before).toBe(strange.length);
    expect((await verify(token, PASSWORD)).status).toBe(200);
    expect(await verifiedAt(email)).not.toBeNull();
  });
});

describe('POST /account/verify-email/:token (the page): the same counts', () => {
  it('a flood of wrong passwords gets the 429 page with Retry-After before argon2; the right one then too', async () => {
    const { email, token } = await account();
    const path = `/account/verify-email/${token}`;
    const browser = new PageClient(api.url);
    const page = await browser.get(path);
    expect(page.status).toBe(200);
    const submit = (password: string) =>
      browser.post(path, { csrf: csrfOf(page), password }, { 'x-forwarded-for': freshClient() });
    const before = await verifications();
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => submit(`wrong password ${i}`)));
    expect((await verifications()) - before).toBe(LOGIN_FAILURE_LIMIT);
    expect(results.filter((r) => r.status === 401)).toHaveLength(LOGIN_FAILURE_LIMIT);
    const refused = results.filter((r) => r.status !== 401);
    expect(refused).toHaveLength(16 - LOGIN_FAILURE_LIMIT);
    for (const res of refused) {
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(res.html).toContain('Too many failed password checks');
      expect(res.html).toContain(`action="${path}"`); // the form again, to try later
    }
    expect((await submit(PASSWORD)).status).toBe(429);
    expect429(await login(email, PASSWORD));
    expect((await verifications()) - before).toBe(LOGIN_FAILURE_LIMIT);
    expect(await verifiedAt(email)).toBeNull();
  });

  it('odd bytes in the form: a password over 200 characters is a 400 form without argon2; NUL bytes are a wrong password', async () => {
    const { email, token } = await account();
    const path = `/account/verify-email/${token}`;
    const browser = new PageClient(api.url);
    const page = await browser.get(path);
    const before = await verifications();
    const long = await browser.post(path, { csrf: csrfOf(page), password: 'x'.repeat(201) });
    expect(long.status).toBe(400);
    expect(long.html).toContain('at most 200 characters');
    const twice = await browser.request('POST', path, {
      rawBody: `csrf=${encodeURIComponent(csrfOf(page))}&password=a&password=b`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(twice.status).toBe(400);
    expect((await verifications()) - before).toBe(0);
    const nul = await browser.request('POST', path, {
      rawBody: `csrf=${encodeURIComponent(csrfOf(page))}&password=%00%ED%A0%80`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(nul.status).toBe(401);
    expect((await verifications()) - before).toBe(1);
    expect((await browser.get(`/account/verify-email/${token}%00`)).status).toBe(400);
    expect((await browser.post(path, { csrf: csrfOf(page), password: PASSWORD })).status).toBe(200);
    expect(await verifiedAt(email)).not.toBeNull();
  });
});

describe('password reset confirm: argon2 at most once per token at a time', () => {
  it('8 confirms at once with one token: one sets the password, the others get 429 (or 400 once it is used) without hashing', async () => {
    const { email } = await account();
    expect((await post('/v1/users/password-reset/request', { email })).status).toBe(202);
    const token = await eventually(async () => {
      const mails = (await http('GET', `/admin/outbox?to=${encodeURIComponent(email)}`, { headers: adminHeaders() }))
        .body.messages as { subject: string; text: string }[];
      const mail = mails.find((m) => m.subject === 'Set a new MIR password');
      return mail ? /Token: (\S+)/.exec(mail.text)![1]! : undefined;
    });
    const before = await hashes();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        post('/v1/users/password-reset/confirm', { token, password: `new password number ${i}` }),
      ),
    );
    expect((await hashes()) - before).toBe(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    for (const res of results.filter((r) => r.status !== 200)) {
      expect([400, 429]).toContain(res.status);
      expect(res.body.error.code).toBe(res.status === 400 ? 'invalid_token' : 'too_many_attempts');
    }
    const winner = results.findIndex((r) => r.status === 200);
    expect((await login(email, `new password number ${winner}`)).status).toBe(200);
  });
});
