import { randomUUID } from 'node:crypto';
import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import { testSql } from '../helpers/db';
import { http } from '../helpers/http';
import { type NpmProcess, terminate } from '../helpers/npm-process';
import { type SmtpServer, startSmtpServer } from '../helpers/smtp-server';
import { eventually } from '../helpers/temporal';
import { startWorkerOn } from '../helpers/worker-process';

/**
 * Sign-up mail goes out after the answer, from the mail queue (a row committed with the account),
 * sent by a worker of the API's task queue: neither the answer's timing nor an SMTP outage tells a
 * new address from a taken one, and a worker that dies mid-send loses no mail. This file's API and
 * worker have a task queue of their own, so only that worker, with the test's SMTP server (which
 * holds, refuses or takes the mails), sends these mails; it sweeps the queue every 300 ms.
 */
jest.setTimeout(300_000);
const queue = `mir-signup-mail-${randomUUID()}`;
// SMTP waits of 30 s: a held send is still held long after every answer this file waits for.
const workerEnv = (smtpUrl: string, smtpTimeoutMs = '30000') => ({
  SMTP_URL: smtpUrl,
  MIR_SMTP_TIMEOUT_MS: smtpTimeoutMs,
  MIR_MAIL_RETRY_MS: '300',
});
let smtp: SmtpServer;
let api: ApiProcess;
let worker: NpmProcess | undefined;
beforeAll(async () => {
  smtp = await startSmtpServer('hold');
  [api, worker] = await Promise.all([
    startApiProcess({ TEMPORAL_TASK_QUEUE: queue }),
    startWorkerOn(queue, workerEnv(smtp.url)),
  ]);
}, 200_000);
afterAll(async () => {
  if (worker) await terminate(worker);
  await api?.stop();
  await smtp?.close();
});
const sql = testSql();
afterAll(() => sql.end());

const PASSWORD = 'correct horse battery';
const newEmail = () => `sm${Date.now()}${Math.random().toString(36).slice(2, 8)}@example.com`;
const signup = (email: string, baseUrl = api.url) =>
  http('POST', '/v1/users/signup', { baseUrl, body: { email, password: PASSWORD } });
const queued = (email: string) =>
  sql`select * from mail_queue where to_email = ${email} order by created_at`.then((rows) => [...rows]);
const tokenOf = (text: string) => /Token: (\S+)/.exec(text)![1]!;
/** The mails the SMTP server took for the address, once the queue holds none for it any more. */
const delivered = async (email: string, count: number) => {
  await eventually(async () => ((await queued(email)).length === 0 ? true : undefined), 60_000);
  const mails = smtp.mailsTo(email);
  expect(mails).toHaveLength(count);
  return mails;
};

describe('sign-up mail, sent after the answer from the mail queue', () => {
  it('a new address is answered as a taken one is, while the SMTP server still holds both mails', async () => {
    smtp.setMood('hold');
    const taken = newEmail();
    expect((await http('POST', '/v1/users/signup', { body: { email: taken, password: PASSWORD } })).status).toBe(201);
    const fresh = newEmail();
    // At once: the same new address twice (one account) and the taken one.
    const answers = await Promise.all([signup(fresh), signup(fresh), signup(taken)]);
    for (const res of answers) {
      expect(res.status).toBe(201);
      expect(Object.keys(res.body).sort()).toEqual(['email', 'emailVerified', 'id']);
    }
    expect((await sql`select count(*)::int as n from mir_users where email = ${fresh}`)[0]!.n).toBe(1);

    // Answered, and every mail is still being sent: claimed from the queue, its connection held.
    await eventually(async () => {
      const rows = [...(await queued(fresh)), ...(await queued(taken))];
      return rows.length === 3 && rows.every((r) => r.attempts === 1) && smtp.held() >= 3 ? true : undefined;
    });
    expect(smtp.mailsTo(fresh)).toHaveLength(0);
    // The queue holds no token: it is made when the mail is sent.
    expect(JSON.stringify(await queued(fresh))).not.toMatch(/mir_ev_/);

    smtp.setMood('accept');
    const mails = await delivered(fresh, 2);
    expect(mails.map((m) => m.subject).sort()).toEqual([
      'Someone tried to sign up with your email',
      'Verify your MIR email address',
    ]);
    const [notice] = await delivered(taken, 1);
    expect(notice!.subject).toBe('Someone tried to sign up with your email');
    const verification = mails.find((m) => m.subject.startsWith('Verify'))!;
    const verified = await http('POST', '/v1/users/verify-email', {
      baseUrl: api.url,
      body: { token: tokenOf(verification.text), password: PASSWORD },
    });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ email: fresh, emailVerified: true });
  });

  it('an SMTP outage fails no sign-up: the mail is tried again until the server takes it, once', async () => {
    smtp.setMood('refuse');
    const email = newEmail();
    expect((await signup(email)).status).toBe(201);
    // Refused when first sent, and refused again at its retry: the row stays.
    await eventually(async () => ((await queued(email))[0]?.attempts >= 2 ? true : undefined));
    expect(smtp.mailsTo(email)).toHaveLength(0);

    smtp.setMood('accept');
    const [mail] = await delivered(email, 1);
    const verified = await http('POST', '/v1/users/verify-email', {
      baseUrl: api.url,
      body: { token: tokenOf(mail!.text), password: PASSWORD },
    });
    expect(verified.status).toBe(200);
  });

  it('a worker that dies mid-send loses nothing: another worker sends the mail', async () => {
    smtp.setMood('hold');
    await terminate(worker!);
    // Killed while its send is held; its claim on the mail runs out after four SMTP waits (20 s).
    const doomed = await startWorkerOn(queue, workerEnv(smtp.url, '5000'));
    const email = newEmail();
    try {
      expect((await signup(email)).status).toBe(201);
      await eventually(async () => ((await queued(email))[0]?.attempts === 1 ? true : undefined));
    } finally {
      await terminate(doomed, 'SIGKILL');
    }
    expect(smtp.mailsTo(email)).toHaveLength(0);

    smtp.setMood('accept');
    worker = await startWorkerOn(queue, workerEnv(smtp.url));
    const [mail] = await delivered(email, 1);
    expect(mail!.subject).toBe('Verify your MIR email address');
    const verified = await http('POST', '/v1/users/verify-email', {
      baseUrl: api.url,
      body: { token: tokenOf(mail!.text), password: PASSWORD },
    });
    expect(verified.status).toBe(200);
  });

  it('two workers that never sweep: each mail leaves at its commit (NOTIFY), sent once by one of them', async () => {
    smtp.setMood('accept');
    if (worker) await terminate(worker);
    const hourly = { ...workerEnv(smtp.url), MIR_MAIL_RETRY_MS: '3600000' };
    const [a, b] = await Promise.all([startWorkerOn(queue, hourly), startWorkerOn(queue, hourly)]);
    try {
      const emails = Array.from({ length: 10 }, newEmail);
      const answers = await Promise.all(emails.map((email) => signup(email)));
      expect(answers.map((r) => r.status)).toEqual(emails.map(() => 201));
      for (const email of emails) {
        const [mail] = await delivered(email, 1);
        expect(mail!.subject).toBe('Verify your MIR email address');
      }
    } finally {
      await Promise.all([terminate(a), terminate(b)]);
      worker = undefined;
    }
  });
});
