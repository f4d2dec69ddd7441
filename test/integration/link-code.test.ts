import { workflowIds } from '../../src/domain/workflow-ids';
import { readFile } from 'node:fs/promises';
import { CODE_ALPHABET } from '../../src/domain/link-codes';
import { LINK_CODE_KEY_PURPOSE } from '../../src/services/link-codes';
import { deriveKey, hashSecret, keyedHash } from '../../src/domain/keys';
import { testSql } from '../helpers/db';
import { testEnv } from '../helpers/env';
import { daysAgo, keyHeaders, seedEvents, uniqueUserId } from '../helpers/events';
import { createOrg, freshLoopback, http, postFrom } from '../helpers/http';
import { signupAndLogin } from '../helpers/linking';
import { maybeRecordHistory } from '../helpers/spawn';
import { describePartnerKeySecurity } from '../helpers/security';
import { eventually, useTemporalClient, whenStarted } from '../helpers/temporal';

jest.setTimeout(120_000);
const sql = testSql();
const temporal = useTemporalClient();
afterAll(() => sql.end());

/** What Postgres keeps of a code: its HMAC under the key the API derives from the admin token. */
const storedHashOf = (code: string) =>
  keyedHash(code.replace('-', ''), deriveKey(testEnv().adminToken, LINK_CODE_KEY_PURPOSE));

const CODE_FORMAT = /^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function issueCode(apiKey: string, userId: string, path = '/partners/link/code') {
  const res = await http('POST', path, { headers: keyHeaders(apiKey), body: { userId } });
  if (res.status !== 201) throw new Error(`code failed: ${res.status} ${res.text}`);
  return res.body as { code: string; expiresAt: string };
}

/** From an address of its own each time: these tests are about the per-person count (the per-address one: throttles.test.ts). */
const redeem = async (token: string, code: string) => {
  const res = await postFrom(freshLoopback(), '/v1/me/links/code', { code }, { headers: bearer(token) });
  return { ...res, headers: new Headers(res.headers as Record<string, string>) };
};

const resolve = (apiKey: string, userId: string) =>
  http('POST', '/resolve', { headers: keyHeaders(apiKey), body: { userId } });

const status = (apiKey: string, userId: string) =>
  http('GET', `/partners/link/status?userId=${encodeURIComponent(userId)}`, { headers: keyHeaders(apiKey) });

async function requestIdOf(orgId: string, userId: string): Promise<string> {
  const rows = await sql`
    select id from link_requests where kind = 'code' and partner_user_id =
      (select id from partner_users where organization_id = ${orgId} and external_id = ${userId})
    order by created_at desc limit 1`;
  return rows[0]!.id as string;
}

/** A well-formed code that was never issued (the chance of hitting a live one is negligible). */
function unknownCode(): string {
  let code = '';
  for (let i = 0; i < 8; i += 1) code += CODE_ALPHABET[Math.floor(Math.random() * CODE_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

const withoutRequestId = (body: any) => ({ ...body.error, requestId: undefined });

describe('POST /partners/link/code', () => {
  it('issues an RFC 8628 style code, valid 10 minutes, with one linkCode workflow per code', async () => {
    const org = await createOrg();
    const userId = uniqueUserId();
    const before = Date.now();
    const res = await http('POST', '/v1/partners/link/code', { headers: keyHeaders(org.apiKey), body: { userId } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ code: expect.stringMatching(CODE_FORMAT), expiresAt: expect.any(String) });
    const ttl = Date.parse(res.body.expiresAt) - before;
    expect(ttl).toBeGreaterThan(9.9 * 60_000);
    expect(ttl).toBeLessThan(10.1 * 60_000);
    const id = await requestIdOf(org.id, userId);
    expect(id).toMatch(/^lcode_/);
    const [row] = await sql`select secret_hash, status, organization_id from link_requests where id = ${id}`;
    expect(row).toEqual({ secret_hash: storedHashOf(res.body.code), status: 'PENDING', organization_id: org.id });
    // Keyed: a leaked table cannot be searched by hashing all 20^8 codes.
    expect(row!.secret_hash).not.toBe(hashSecret(res.body.code.replace('-', '')));
    const handle = await whenStarted(temporal.client, workflowIds.linkRequest({ kind: 'code', id: id }));
    const description = await handle.describe();
    expect(description.type).toBe('linkCodeWorkflow');
    expect(description.status.name).toBe('RUNNING');
    expect(description.searchAttributes).toMatchObject({ MirOrgId: [org.id], MirOperation: ['link-code'] });
  });

  it('a new code for the same userId supersedes the pending one (closed at once)', async () => {
    const org = await createOrg();
    const userId = uniqueUserId();
    const first = await issueCode(org.apiKey, userId);
    const firstId = await requestIdOf(org.id, userId);
    const second = await issueCode(org.apiKey, userId);
    expect(second.code).not.toBe(first.code);
    expect((await sql`select status from link_requests where id = ${firstId}`)[0]!.status).toBe('EXPIRED');
    const person = await signupAndLogin();
    const old = await redeem(person.token, first.code);
    expect(old.status).toBe(400);
    expect(old.body.error.code).toBe('invalid_code');
    expect((await redeem(person.token, second.code)).status).toBe(200);
  });

  it('24 codes at once for one userId: each answered, and exactly one of them is left live', async () => {
    const org = await createOrg();
    const userId = uniqueUserId();
    const answers = await Promise.all(
      Array.from({ length: 24 }, () =>
        http('POST', '/partners/link/code', { headers: keyHeaders(org.apiKey), body: { userId } }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(24).fill(201));
    const live = await sql`
      select secret_hash from link_requests where kind = 'code' and status = 'PENDING' and partner_user_id =
        (select id from partner_users where organization_id = ${org.id} and external_id = ${userId})`;
    expect(live).toHaveLength(1);
    const issued = answers.map((a) => storedHashOf(a.body.code as string));
    expect(issued).toContain(live[0]!.secret_hash);
  });

  it('409 already_linked when the userId has linked already', async () => {
    const org = await createOrg();
    const userId = uniqueUserId();
    const person = await signupAndLogin();
    expect((await redeem(person.token, (await issueCode(org.apiKey, userId)).code)).status).toBe(200);
    const again = await http('POST', '/partners/link/code', { headers: keyHeaders(org.apiKey), body: { userId } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_linked');
  });

  it('an Idempotency-Key replay never shows the code again, and the stored answer holds none', async () => {
    const org = await createOrg();
    const userId = uniqueUserId();
    const headers = keyHeaders(org.apiKey, { 'idempotency-key': `code-${userId}` });
    const first = await http('POST', '/partners/link/code', { headers, body: { userId } });
    expect(first.status).toBe(201);
    expect(first.body.code).toMatch(CODE_FORMAT);
    const replay = await http('POST', '/partners/link/code', { headers, body: { userId } });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual({ code: null, expiresAt: first.body.expiresAt });
    const code = first.body.code as string;
    for (const form of [code, code.replace('-', '')]) {
      const [hit] = await sql`select count(*)::int as n from idempotency_keys k where k::text like ${`%${form}%`}`;
      expect(hit!.n).toBe(0);
    }
  });

  it('400 for a bad userId', async () => {
    const org = await createOrg();
    for (const body of [{}, { userId: '' }, { userId: 'u', extra: 1 }]) {
      const res = await http('POST', '/partners/link/code', { headers: keyHeaders(org.apiKey), body });
      expect(res.status).toBe(400);
    }
  });

  describePartnerKeySecurity('POST', '/partners/link/code', { userId: 'security-user' });
});

describe('POST /v1/me/links/code', () => {
  it('links on a code typed loosely; single use; the code is nowhere in Postgres, Temporal or the logs', async () => {
    const org = await createOrg(`Codeshop ${Date.now()}`);
    const userId = uniqueUserId();
    const person = await signupAndLogin();
    const { code } = await issueCode(org.apiKey, userId);
    const id = await requestIdOf(org.id, userId);
    const typed = ` ${code.slice(0, 2)} ${code.slice(2, 4)}${code.slice(5)} `.toLowerCase();
    const res = await redeem(person.token, typed);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ partner: { id: org.id, name: org.name }, linkedAt: expect.any(String) });
    expect(Math.abs(Date.parse(res.body.linkedAt) - Date.now())).toBeLessThan(60_000);

    expect((await status(org.apiKey, userId)).body).toEqual({ userId, linked: true, linkedAt: res.body.linkedAt });
    const links = await http('GET', '/v1/me/links', { headers: bearer(person.token) });
    expect(links.body.links).toEqual([{ partner: { id: org.id, name: org.name }, linkedAt: res.body.linkedAt }]);
    const handle = temporal.client.workflow.getHandle(workflowIds.linkRequest({ kind: 'code', id: id }));
    expect(await handle.result()).toBe('CONFIRMED');
    await maybeRecordHistory(handle, 'link-code-redeemed.json');
    expect((await sql`select status, mir_user_id from link_requests where id = ${id}`)[0]).toEqual({
      status: 'CONFIRMED',
      mir_user_id: person.id,
    });
    const audit = await sql`
      select action, actor_id, details from audit_log where organization_id = ${org.id} and action like 'link.%'`;
    expect(audit).toEqual([
      { action: 'link.confirmed', actor_id: person.id, details: expect.objectContaining({ via: 'code' }) },
    ]);

    // Single use: neither the same person nor anyone else gets anything from it again.
    const again = await redeem(person.token, code);
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('invalid_code');
    const other = await signupAndLogin();
    const stranger = await redeem(other.token, code);
    expect(stranger.status).toBe(400);
    expect(withoutRequestId(stranger.body)).toEqual(withoutRequestId(again.body));

    const forms = [code, code.replace('-', '')];
    for (const table of ['link_requests', 'audit_log', 'idempotency_keys', 'throttle_counters']) {
      for (const form of forms) {
        const [hit] = await sql`select count(*)::int as n from ${sql(table)} t where t::text like ${`%${form}%`}`;
        expect({ table, form, n: hit!.n }).toEqual({ table, form, n: 0 });
      }
    }
    const history = JSON.stringify(await handle.fetchHistory());
    for (const secret of [...forms, storedHashOf(code)]) expect(history).not.toContain(secret);
    // The last request with the code is logged (so every earlier one is too): the right log, with these requests in it...
    const log = await eventually(async () => {
      const text = await readFile(testEnv().logFile, 'utf8');
      return text.includes(stranger.body.error.requestId) ? text : undefined;
    });
    for (const form of forms) expect(log).not.toContain(form); // ...but never the code
  });

  it('unknown, malformed, used, superseded and expired codes get the same answer; the 6th miss is a 429', async () => {
    const org = await createOrg();
    const person = await signupAndLogin();
    const helper = await signupAndLogin();

    const used = await issueCode(org.apiKey, uniqueUserId());
    expect((await redeem(helper.token, used.code)).status).toBe(200);
    const supersededUser = uniqueUserId();
    const superseded = await issueCode(org.apiKey, supersededUser);
    await issueCode(org.apiKey, supersededUser);
    const expiredUser = uniqueUserId();
    const expired = await issueCode(org.apiKey, expiredUser);
    // The workflow's own deadline is 10 minutes away; the API must not trust a row past expires_at.
    await sql`update link_requests set expires_at = now() - interval '1 second'
              where id = ${await requestIdOf(org.id, expiredUser)}`;

    const answers = [];
    for (const code of [unknownCode(), 'AEIO-UAEI', used.code, superseded.code, expired.code]) {
      const res = await redeem(person.token, code);
      expect(res.status).toBe(400);
      answers.push(withoutRequestId(res.body));
    }
    expect(answers[0]).toEqual({
      code: 'invalid_code',
      message: expect.any(String),
      requestId: undefined,
    });
    for (const answer of answers) expect(answer).toEqual(answers[0]);

    // Throttled: even a correct code is refused, and it is not spent by the refusal.
    const good = await issueCode(org.apiKey, uniqueUserId());
    const throttled = await redeem(person.token, good.code);
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.code).toBe('too_many_attempts');
    const retryAfter = Number(throttled.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect((await redeem(person.token, unknownCode())).status).toBe(429);
    expect((await http('GET', '/v1/me/links', { headers: bearer(person.token) })).body.links).toEqual([]);
    const third = await signupAndLogin(); // helper already has a link with org
    expect((await redeem(third.token, good.code)).status).toBe(200);
  });

  it('a burst of parallel guesses gets at most 5 misses, the rest 429', async () => {
    const person = await signupAndLogin();
    const results = await Promise.all(Array.from({ length: 12 }, () => redeem(person.token, unknownCode())));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 400)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it('the throttle is per person: one person’s misses do not block another', async () => {
    const org = await createOrg();
    const guesser = await signupAndLogin();
    for (let i = 0; i < 5; i += 1) expect((await redeem(guesser.token, unknownCode())).status).toBe(400);
    expect((await redeem(guesser.token, unknownCode())).status).toBe(429);
    const person = await signupAndLogin();
    expect((await redeem(person.token, (await issueCode(org.apiKey, uniqueUserId())).code)).status).toBe(200);
  });

  it('409 when the person already has a link with that partner; the code stays usable for someone else', async () => {
    const org = await createOrg();
    const person = await signupAndLogin();
    expect((await redeem(person.token, (await issueCode(org.apiKey, uniqueUserId())).code)).status).toBe(200);
    const second = await issueCode(org.apiKey, uniqueUserId());
    const res = await redeem(person.token, second.code);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('already_linked');
    const other = await signupAndLogin();
    expect((await redeem(other.token, second.code)).status).toBe(200);
  });

  it('needs a MIR session: 401 without one or with a partner key; 400 for a malformed body', async () => {
    const org = await createOrg();
    const { code } = await issueCode(org.apiKey, uniqueUserId());
    expect((await http('POST', '/v1/me/links/code', { body: { code } })).status).toBe(401);
    expect((await http('POST', '/v1/me/links/code', { headers: keyHeaders(org.apiKey), body: { code } })).status).toBe(
      401,
    );
    const person = await signupAndLogin();
    for (const body of [{}, { code: 12345678 }, { code: '' }, { code, extra: 1 }]) {
      const res = await http('POST', '/v1/me/links/code', { headers: bearer(person.token), body });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect((await redeem(person.token, code)).status).toBe(200);
  });
});

describe('portable history through codes', () => {
  it('resolve spans every partner the person linked, and unlinking takes it back', async () => {
    const a = await createOrg();
    const b = await createOrg();
    const c = await createOrg();
    const [userA, userB] = [uniqueUserId('a'), uniqueUserId('b')];
    await seedEvents(
      a.apiKey,
      Array.from({ length: 12 }, (_, i) => ({ type: 'order.completed', userId: userA, occurredAt: daysAgo(20 - i) })),
    );
    await seedEvents(
      b.apiKey,
      Array.from({ length: 40 }, (_, i) => ({ type: 'listing.sold', userId: userB, occurredAt: daysAgo(40 - i) })),
    );
    expect((await resolve(a.apiKey, userA)).body).toMatchObject({ eventCount: 12, partnerCount: 1, linked: false });

    const person = await signupAndLogin();
    expect((await redeem(person.token, (await issueCode(a.apiKey, userA)).code)).status).toBe(200);
    expect((await redeem(person.token, (await issueCode(b.apiKey, userB)).code)).status).toBe(200);

    const atA = await resolve(a.apiKey, userA);
    expect(atA.status).toBe(200);
    expect(atA.body).toMatchObject({
      eventCount: 52,
      partnerCount: 2,
      tier: 2,
      tierLabel: 'established',
      linked: true,
      daysSinceFirstEvent: 40,
    });
    expect(Math.abs(Date.parse(atA.body.firstEventAt) - Date.parse(daysAgo(40)))).toBeLessThan(60_000);
    expect(JSON.stringify(atA.body)).not.toContain(b.id);
    const atB = await resolve(b.apiKey, userB);
    expect(atB.body).toMatchObject({ eventCount: 52, partnerCount: 2, tier: 2, linked: true });
    for (const userId of [userA, userB]) expect((await resolve(c.apiKey, userId)).status).toBe(404);

    const removed = await http('DELETE', `/v1/me/links/${b.id}`, { headers: bearer(person.token) });
    expect(removed.status).toBe(200);
    expect((await resolve(a.apiKey, userA)).body).toMatchObject({ eventCount: 12, partnerCount: 1, linked: true });
    expect((await resolve(b.apiKey, userB)).body).toMatchObject({ eventCount: 40, partnerCount: 1, linked: false });
    const links = await http('GET', '/v1/me/links', { headers: bearer(person.token) });
    expect(links.body.links.map((l: any) => l.partner.id)).toEqual([a.id]);
  });

  it('a partner resolves a linked user it never sent an event for', async () => {
    const a = await createOrg();
    const d = await createOrg();
    const userA = uniqueUserId('a');
    await seedEvents(
      a.apiKey,
      Array.from({ length: 3 }, () => ({ type: 'a.b', userId: userA, occurredAt: daysAgo(2) })),
    );
    const person = await signupAndLogin();
    expect((await redeem(person.token, (await issueCode(a.apiKey, userA)).code)).status).toBe(200);
    const fresh = uniqueUserId('d');
    expect((await resolve(d.apiKey, fresh)).status).toBe(404);
    expect((await redeem(person.token, (await issueCode(d.apiKey, fresh)).code)).status).toBe(200);
    const res = await resolve(d.apiKey, fresh);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ eventCount: 3, partnerCount: 1, linked: true });
  });
});
