import { loadConfig } from '../../src/config';
import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import { keyHeaders, uniqueUserId } from '../helpers/events';
import { adminHeaders, createOrg, freshLoopback, http, postFrom } from '../helpers/http';
import { testSql } from '../helpers/db';
import { signupAndLogin } from '../helpers/linking';
import { eventually } from '../helpers/temporal';

/**
 * The attempt throttles of logins, link codes and sign-ups, and the per-process argon2 cap. An
 * API process of its own (MIR_TRUST_PROXY=loopback, so a test picks its client address with
 * X-Forwarded-For; argon2 capped at 2; the default sign-up limit, lowered to 3) keeps its argon2
 * counter free of the rest of the run's logins.
 */
jest.setTimeout(120_000);
let api: ApiProcess;
beforeAll(async () => {
  api = await startApiProcess({
    MIR_TRUST_PROXY: 'loopback',
    MIR_ARGON2_CONCURRENCY: '2',
    // A wait for an argon2 slot far longer than any here: on a busy machine 12 checks over 2 slots
    // can take more than the default 5 s, and this file proves the cap, not the wait's bound.
    MIR_ARGON2_WAIT_MS: '300000',
    MIR_SIGNUPS_PER_IP_PER_HOUR: '3',
  });
}, 200_000);
afterAll(() => api?.stop());
const sql = testSql();
afterAll(() => sql.end());

const PASSWORD = 'correct horse battery';
/** Failed logins one client address may make per window (the default of MIR_LOGIN_FAILURES_PER_IP). */
const PER_ADDRESS = loadConfig({}).MIR_LOGIN_FAILURES_PER_IP;
const newEmail = () => `t${Date.now()}${Math.random().toString(36).slice(2, 8)}@example.com`;
let next = 0;
const run = Math.floor(Math.random() * 250);
/** A client address no other request of the run claims (as the proxy would report it). */
const freshClient = () => `10.${run}.${Math.floor(next / 250)}.${(next++ % 250) + 1}`;

const viaProxy = (path: string, client: string, body: unknown) =>
  http('POST', path, { baseUrl: api.url, headers: { 'x-forwarded-for': client }, body });
const argon2Stats = async () =>
  (await http('GET', '/admin/diagnostics/argon2', { baseUrl: api.url, headers: adminHeaders() })).body;
const outboxFor = async (email: string) =>
  (await http('GET', `/admin/outbox?to=${encodeURIComponent(email)}`, { headers: adminHeaders() })).body.messages as {
    subject: string;
  }[];

const queuedFor = async (email: string) =>
  (await sql`select count(*)::int as n from mail_queue where to_email = ${email}`)[0]!.n as number;

function expect429(res: { status: number; headers: Headers; body: any }) {
  expect(res.status).toBe(429);
  expect(res.body.error.code).toBe('too_many_attempts');
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
}

describe('login throttle, counted before argon2', () => {
  it('50 parallel wrong passwords on one account: argon2 runs at most 10 times, the other 40 get 429', async () => {
    const email = newEmail();
    expect((await http('POST', '/v1/users/signup', { body: { email, password: PASSWORD } })).status).toBe(201);
    const before = await argon2Stats();
    // Each from its own address: only the account's count can stop them.
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        viaProxy('/v1/users/login', freshClient(), { email, password: `wrong password ${i}` }),
      ),
    );
    const after = await argon2Stats();
    expect(after.verifications - before.verifications).toBeLessThanOrEqual(10);
    expect(results.filter((r) => r.status === 401)).toHaveLength(after.verifications - before.verifications);
    const refused = results.filter((r) => r.status !== 401);
    expect(refused.length).toBeGreaterThanOrEqual(40);
    for (const res of refused) expect429(res);
    // Locked for the window, even with the right password, and that costs no argon2 either.
    expect429(await viaProxy('/v1/users/login', freshClient(), { email, password: PASSWORD }));
    expect((await argon2Stats()).verifications).toBe(after.verifications);
  });

  it('never runs more argon2 computations at once than MIR_ARGON2_CONCURRENCY', async () => {
    const before = await argon2Stats();
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        viaProxy('/v1/users/login', freshClient(), { email: newEmail(), password: PASSWORD }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(401));
    const after = await argon2Stats();
    expect(after.verifications - before.verifications).toBe(12);
    expect(after).toMatchObject({ concurrency: 2, running: 0, waiting: 0 });
    expect(after.peakRunning).toBe(2);
  });

  it('MIR_TRUST_PROXY: behind a trusted proxy each forwarded client has its own count', async () => {
    const [a, b] = [freshClient(), freshClient()];
    for (let i = 0; i < PER_ADDRESS; i += 1) {
      expect((await viaProxy('/v1/users/login', a, { email: newEmail(), password: PASSWORD })).status).toBe(401);
    }
    expect429(await viaProxy('/v1/users/login', a, { email: newEmail(), password: PASSWORD }));
    expect((await viaProxy('/v1/users/login', b, { email: newEmail(), password: PASSWORD })).status).toBe(401);
  });

  it('without MIR_TRUST_PROXY (the default) X-Forwarded-For is ignored: it cannot escape the per-address count', async () => {
    const ip = freshLoopback();
    const forged = (i: number) => ({ 'x-forwarded-for': `192.0.2.${i + 1}` });
    for (let i = 0; i < PER_ADDRESS; i += 1) {
      const res = await postFrom(
        ip,
        '/v1/users/login',
        { email: newEmail(), password: PASSWORD },
        { headers: forged(i) },
      );
      expect(res.status).toBe(401);
    }
    const blocked = await postFrom(
      ip,
      '/v1/users/login',
      { email: newEmail(), password: PASSWORD },
      { headers: forged(200) },
    );
    expect(blocked.status).toBe(429);
  });
});

describe('link-code throttle per client address', () => {
  it('throwaway accounts on one address share its 20 wrong codes; a valid code from there then waits too', async () => {
    const people = await Promise.all(Array.from({ length: 6 }, () => signupAndLogin()));
    const ip = freshLoopback();
    const guess = (token: string, i: number) =>
      postFrom(
        ip,
        '/v1/me/links/code',
        { code: `BCDF-${'GHJK'.slice(0, 3)}${'LMNP'[i % 4]}` },
        {
          headers: { authorization: `Bearer ${token}` },
        },
      );
    const results = await Promise.all(people.flatMap((p) => Array.from({ length: 5 }, (_, i) => guess(p.token, i))));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 400)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    for (const res of results.filter((r) => r.status === 429))
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);

    const org = await createOrg();
    const code = await http('POST', '/partners/link/code', {
      headers: keyHeaders(org.apiKey),
      body: { userId: uniqueUserId() },
    });
    const fresh = await signupAndLogin();
    const auth = { headers: { authorization: `Bearer ${fresh.token}` } };
    expect((await postFrom(ip, '/v1/me/links/code', { code: code.body.code }, auth)).status).toBe(429);
    expect((await postFrom(freshLoopback(), '/v1/me/links/code', { code: code.body.code }, auth)).status).toBe(200);
  });
});

describe('sign-up throttles', () => {
  it('MIR_SIGNUPS_PER_IP_PER_HOUR per client address: the next one is 429 with Retry-After, other addresses go on', async () => {
    const [a, b] = [freshClient(), freshClient()];
    for (let i = 0; i < 3; i += 1) {
      expect((await viaProxy('/v1/users/signup', a, { email: newEmail(), password: PASSWORD })).status).toBe(201);
    }
    const refused = await viaProxy('/v1/users/signup', a, { email: newEmail(), password: PASSWORD });
    expect429(refused);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3000);
    expect((await viaProxy('/v1/users/signup', b, { email: newEmail(), password: PASSWORD })).status).toBe(201);
  });

  it('repeated sign-ups of a taken address are answered alike and mail its owner once an hour', async () => {
    const email = newEmail();
    const first = await postFrom(freshLoopback(), '/v1/users/signup', { email, password: PASSWORD });
    expect(first.status).toBe(201);
    const again = await Promise.all(
      Array.from({ length: 5 }, () =>
        postFrom(freshLoopback(), '/v1/users/signup', { email, password: `${PASSWORD}!` }),
      ),
    );
    for (const res of again) {
      expect(res.status).toBe(201);
      expect(Object.keys(res.body).sort()).toEqual(Object.keys(first.body).sort());
    }
    // Mails follow the answers, from the mail queue: once it holds none for the address, all were sent.
    await eventually(async () => ((await queuedFor(email)) === 0 ? true : undefined));
    const subjects = (await outboxFor(email)).map((m) => m.subject).sort();
    expect(subjects).toEqual(['Someone tried to sign up with your email', 'Verify your MIR email address']);
  });
});
