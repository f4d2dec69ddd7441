import { createHash, randomUUID } from 'node:crypto';
import postgres from 'postgres';
import type * as Jose from 'jose' with { 'resolution-mode': 'import' };
import type { Config } from '../../src/config';
import { issuerKeyEncryptionKey } from '../../src/services/credentials/issuer-keys';
import { decryptSecret, webhookSecretKey } from '../../src/services/webhooks/secrets';
import { ISSUER_KEY_SCHEDULE_ID, ensureIssuerKeyRotationSchedule } from '../../src/temporal/issuer-key-schedule';
import { workflowIds } from '../../src/domain/workflow-ids';
import { issuerKeyRotationQuery } from '../../src/workflows/issuer-key-rotation';
import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import { lastJson, runMir } from '../helpers/cli';
import { bearer } from '../helpers/data-rights';
import { testSql } from '../helpers/db';
import { testEnv } from '../helpers/env';
import { adminHeaders, freshLoopback, http, postFrom } from '../helpers/http';
import { type NpmProcess, terminate } from '../helpers/npm-process';
import { maybeRecordHistory } from '../helpers/spawn';
import { eventually, useTemporalClient } from '../helpers/temporal';
import { startWorkerOn } from '../helpers/worker-process';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { compactVerify, importJWK } = require('jose') as typeof Jose;

jest.setTimeout(480_000);

/**
 * A database of its own, with its own API and worker (on a task queue of their own): the stack's
 * issuer key signs every other test's credentials, and this test retires keys. The worker
 * publishes a new key PREPUBLISH_SECONDS before it signs: wide enough to check, before the switch,
 * that the new key is published and the old one still signs.
 */
const PREPUBLISH_SECONDS = 60;
const stackSql = testSql();
const temporal = useTemporalClient();
const dbName = `mir_rotation_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
const queue = `issuer-keys-${randomUUID()}`;
const dbUrl = (() => {
  const url = new URL(testEnv().databaseUrl);
  url.pathname = `/${dbName}`;
  return url.toString();
})();
let sql: postgres.Sql;
let api: ApiProcess;
let worker: NpmProcess;
const mirEnv = () => ({ MIR_API_URL: api.url, DATABASE_URL: dbUrl, TEMPORAL_TASK_QUEUE: queue });

beforeAll(async () => {
  await stackSql.unsafe(`create database ${dbName}`);
  sql = postgres(dbUrl, { max: 2, onnotice: () => undefined });
  api = await startApiProcess({ DATABASE_URL: dbUrl, TEMPORAL_TASK_QUEUE: queue });
  worker = await startWorkerOn(queue, {
    DATABASE_URL: dbUrl,
    MIR_ISSUER_KEY_PREPUBLISH_SECONDS: String(PREPUBLISH_SECONDS),
  });
});
afterAll(async () => {
  if (worker) await terminate(worker);
  await api?.stop();
  await sql?.end();
  await stackSql.unsafe(`drop database if exists ${dbName} with (force)`);
  await stackSql.end();
});

/** A verified person of this test's API (its worker writes the verification mail to its outbox). */
async function person() {
  const email = `rotation${Date.now()}${Math.random().toString(36).slice(2, 6)}@example.com`;
  const password = 'correct horse battery';
  const baseUrl = api.url;
  expect((await http('POST', '/v1/users/signup', { body: { email, password }, baseUrl })).status).toBe(201);
  const token = await eventually(async () => {
    const outbox = await http('GET', `/admin/outbox?to=${encodeURIComponent(email)}`, {
      headers: adminHeaders(),
      baseUrl,
    });
    return /Token: (\S+)/.exec((outbox.body.messages?.[0]?.text as string) ?? '')?.[1];
  }, 60_000);
  expect((await http('POST', '/v1/users/verify-email', { body: { token, password }, baseUrl })).status).toBe(200);
  const login = await postFrom(freshLoopback(), '/v1/users/login', { email, password }, { baseUrl });
  return login.body.token as string;
}

const issue = async (token: string) => {
  const res = await http('POST', '/v1/me/credentials', { headers: bearer(token), body: {}, baseUrl: api.url });
  expect(res.status).toBe(201);
  return res.body.credential as string;
};
const kidOf = (credential: string) =>
  JSON.parse(Buffer.from(credential.split('.')[0]!, 'base64url').toString()).kid as string;
const jwksKids = async () =>
  ((await http('GET', '/.well-known/jwks.json', { baseUrl: api.url })).body.keys as { kid: string }[]).map(
    (k) => k.kid,
  );

/** Not MIR's code: jose against the published JWKS, and the SD-JWT digest rule written out. */
async function independentlyVerify(credential: string) {
  const [jwt, ...disclosures] = credential.split('~');
  const jwks = (await http('GET', '/.well-known/jwks.json', { baseUrl: api.url })).body.keys as Jose.JWK[];
  const jwk = jwks.find((k) => k.kid === kidOf(credential));
  if (!jwk) throw new Error('unknown key');
  const payload = JSON.parse(
    new TextDecoder().decode((await compactVerify(jwt!, await importJWK(jwk, 'ES256'))).payload),
  );
  if (payload.iss !== api.url || !(payload.exp > Date.now() / 1000)) throw new Error('issuer or expiry');
  for (const d of disclosures.filter((x) => x !== ''))
    if (!payload._sd.includes(createHash('sha256').update(d).digest('base64url'))) throw new Error('disclosure');
  return payload;
}

/** A key's private JWK as MIR reads it, to look for its secret half where it must never be. */
async function privateJwk(kid: string) {
  const [row] = await sql<{ enc: string }[]>`select private_jwk_encrypted as enc from issuer_keys where kid = ${kid}`;
  const key = issuerKeyEncryptionKey(webhookSecretKey({} as Config, testEnv().adminToken).key);
  return { jwk: JSON.parse(decryptSecret(key, row!.enc)) as Record<string, string>, encrypted: row!.enc };
}

describe('issuer key rotation (issue 33 point 3)', () => {
  it('the stack worker made the Schedule: every 90 days, overlap SKIP, running the scheduled rotation', async () => {
    const schedule = await temporal.client.schedule.getHandle(ISSUER_KEY_SCHEDULE_ID).describe();
    expect(schedule.spec.intervals).toEqual([{ every: 90 * 86_400_000, offset: expect.any(Number) }]);
    expect(schedule.policies.overlap).toBe('SKIP');
    expect(schedule.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'scheduledIssuerKeyRotationWorkflow',
    });
    // A worker started with another MIR_ISSUER_KEY_ROTATION_DAYS changes the interval; the same one leaves it.
    const opts = { taskQueue: queue, everyDays: 90 };
    expect(await ensureIssuerKeyRotationSchedule(temporal.client, opts)).toBe('unchanged');
    expect(await ensureIssuerKeyRotationSchedule(temporal.client, { ...opts, everyDays: 45 })).toBe('updated');
    const changed = await temporal.client.schedule.getHandle(ISSUER_KEY_SCHEDULE_ID).describe();
    expect(changed.spec.intervals).toEqual([{ every: 45 * 86_400_000, offset: expect.any(Number) }]);
    expect(changed.action).toMatchObject({ taskQueue: schedule.action.taskQueue });
    expect(await ensureIssuerKeyRotationSchedule(temporal.client, opts)).toBe('updated');
  });

  it('publishes the new key before it signs, keeps old credentials verifiable, retires the old key after its last expiry', async () => {
    const token = await person();
    const first = await issue(token);
    const oldKid = kidOf(first);
    await independentlyVerify(first);

    // Two operators and the Schedule's workflow ask at once: one rotation starts.
    const scheduledId = `issuer-key-rotation-scheduled-test-${randomUUID()}`;
    const [a, b, scheduled] = await Promise.all([
      runMir(['issuer-keys', 'rotate', '--json'], mirEnv()),
      runMir(['issuer-keys', 'rotate', '--json'], mirEnv()),
      temporal.client.workflow.execute('scheduledIssuerKeyRotationWorkflow', {
        taskQueue: queue,
        workflowId: scheduledId,
      }),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const answers = [lastJson(a), lastJson(b), scheduled];
    const workflowId = workflowIds.issuerKeyRotation(2);
    for (const answer of answers) expect(answer.workflowId).toBe(workflowId);
    expect(answers.filter((x) => x.started)).toHaveLength(1);
    const handle = temporal.client.workflow.getHandle(workflowId);
    const published = await eventually(async () => {
      const p = await handle.query(issuerKeyRotationQuery);
      return p.phase === 'PUBLISHED' ? p : undefined;
    }, 60_000);
    const newKid = published.kid!;
    expect(published.previousKid).toBe(oldKid);
    expect(await sql`select generation from issuer_keys order by generation`).toEqual([
      { generation: 1 },
      { generation: 2 },
    ]);

    // Published, not signing yet: the old key signs, and both are in the JWKS.
    expect(await jwksKids()).toEqual([oldKid, newKid]);
    const second = await issue(token);
    expect(Date.now()).toBeLessThan(Date.parse(published.signsFrom!));
    expect(kidOf(second)).toBe(oldKid);
    const again = await runMir(['issuer-keys', 'rotate'], mirEnv());
    expect(again.stdout).toContain(`A rotation is under way (${workflowId}): key ${newKid} is published`);

    // expiresInDays is at least 1: the old key's credentials are made to expire 70 s after the
    // switch in the rows the rotation reads (their JWTs keep their own exp), so its wait is seen
    // to end. Done before the switch, when the rotation first looks.
    const lastExpiry = new Date(Date.parse(published.signsFrom!) + 70_000);
    await sql`update credentials set expires_at = ${lastExpiry} where kid = ${oldKid}`;

    const retiring = await eventually(
      async () => {
        const p = await handle.query(issuerKeyRotationQuery);
        return p.phase === 'RETIRING_PREVIOUS' && p.previousRetiresAt ? p : undefined;
      },
      (PREPUBLISH_SECONDS + 60) * 1000,
    );
    expect(Date.parse(retiring.previousRetiresAt!)).toBe(lastExpiry.getTime());
    const third = await issue(token);
    expect(kidOf(third)).toBe(newKid);
    // Every unexpired credential verifies, whichever key signed it.
    for (const c of [first, second, third]) await independentlyVerify(c);
    expect(await jwksKids()).toEqual([oldKid, newKid]);

    const listed = lastJson(await runMir(['issuer-keys', 'list', '--json'], mirEnv()));
    expect(listed).toEqual([
      expect.objectContaining({ kid: newKid, generation: 2, state: 'SIGNING', credentialsSigned: 1, retiredAt: null }),
      expect.objectContaining({ kid: oldKid, generation: 1, state: 'VERIFYING', credentialsSigned: 2 }),
    ]);
    expect(Date.parse(listed[1].lastExpiry)).toBe(lastExpiry.getTime());

    // Gone from the JWKS once its last credential expired, not before.
    await eventually(async () => ((await jwksKids()).includes(oldKid) ? undefined : true), 150_000);
    const [old] = await sql<{ retired_at: Date }[]>`select retired_at from issuer_keys where kid = ${oldKid}`;
    expect(old!.retired_at.getTime()).toBeGreaterThanOrEqual(lastExpiry.getTime());
    expect(await handle.result()).toMatchObject({ phase: 'DONE', previousRetiredAt: old!.retired_at.toISOString() });
    await independentlyVerify(third);
    const human = await runMir(['issuer-keys', 'list'], mirEnv());
    expect(human.stdout).toMatch(new RegExp(`${oldKid}\\s+1\\s+RETIRED`));

    // No private key, clear or encrypted, in either workflow's history, the CLI's output or a log.
    const secrets = await Promise.all([privateJwk(oldKid), privateJwk(newKid)]);
    const scheduledHandle = temporal.client.workflow.getHandle(scheduledId);
    const histories = JSON.stringify([await handle.fetchHistory(), await scheduledHandle.fetchHistory()]);
    const seen = [histories, a.stdout, b.stdout, human.stdout, worker.output(), api.proc.output()].join('\n');
    for (const { jwk, encrypted } of secrets) {
      expect(jwk.d).toMatch(/^[\w-]{43}$/);
      expect(seen).not.toContain(jwk.d);
      expect(seen).not.toContain(encrypted);
    }
    await maybeRecordHistory(handle, 'issuer-key-rotation.json');
    await maybeRecordHistory(scheduledHandle, 'issuer-key-rotation-scheduled.json');
  });

  it("answers an unknown verb with its usage, and rotates nothing on a Postgres other than the API's", async () => {
    const res = await runMir(['issuer-keys', 'shred'], mirEnv());
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('usage: issuer-keys list|rotate');
    const before = await sql`select kid, generation, signs_from, retired_at from issuer_keys order by generation`;
    const elsewhere = await runMir(['issuer-keys', 'rotate'], { ...mirEnv(), DATABASE_URL: testEnv().databaseUrl });
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toMatch(new RegExp(`Not rotating: Postgres database: \\S+ here ≠ ${dbName} in the API`));
    expect(await sql`select kid, generation, signs_from, retired_at from issuer_keys order by generation`).toEqual(
      before,
    );
  });
});
