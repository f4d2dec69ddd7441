import { createAgent, issueKey } from '../helpers/agents';
import { testSql } from '../helpers/db';
import { keyHeaders, postEvent, seedEvents, uniqueUserId } from '../helpers/events';
import { adminHeaders, createOrg, freshLoopback, http, postFrom } from '../helpers/http';
import { invite, signupAndLogin } from '../helpers/linking';
import { bearer } from '../helpers/mira';
import { describePartnerKeySecurity } from '../helpers/security';
import { maybeRecordHistory } from '../helpers/spawn';
import { eventually, useTemporalClient } from '../helpers/temporal';

jest.setTimeout(180_000);

const sql = testSql();
const temporal = useTemporalClient();
afterAll(() => sql.end());

const regulate = (apiKey: string, body: unknown, headers: Record<string, string> = {}) =>
  http('POST', '/v1/users/regulations', { headers: keyHeaders(apiKey, headers), body });

/** GET the regulation until its workflow has ended it. */
async function settled(apiKey: string, regulationId: string) {
  return eventually(async () => {
    const res = await http('GET', `/v1/users/regulations/${regulationId}`, { headers: keyHeaders(apiKey) });
    return res.body.status === 'RUNNING' ? undefined : res.body;
  }, 60_000);
}

/** A person links their MIR account to the partner's user (with a code, as the person would). */
async function linkPerson(apiKey: string, userId: string) {
  const person = await signupAndLogin();
  const code = await http('POST', '/partners/link/code', { headers: keyHeaders(apiKey), body: { userId } });
  const linked = await postFrom(
    freshLoopback(),
    '/v1/me/links/code',
    { code: code.body.code },
    { headers: bearer(person.token) },
  );
  if (linked.status !== 200) throw new Error(`linking failed: ${linked.status} ${JSON.stringify(linked.body)}`);
  return person;
}

const evaluate = (apiKey: string, actorId: string) =>
  http('POST', '/policy/evaluate', {
    headers: keyHeaders(apiKey),
    body: { actor_id: actorId, action: 'checkout.complete', context: {} },
  });

const events = (userId: string, n: number) => Array.from({ length: n }, () => ({ type: 'review.posted', userId }));
const outboxOf = async (email: string) =>
  (await http('GET', `/admin/outbox?to=${encodeURIComponent(email)}`, { headers: adminHeaders() })).body.messages as {
    subject: string;
    text: string;
  }[];

describePartnerKeySecurity('POST', '/v1/users/regulations', { type: 'SUPPRESS', userIds: ['u'] });
describePartnerKeySecurity('GET', '/v1/users/regulations');
describePartnerKeySecurity('GET', '/v1/users/suppressions');
describePartnerKeySecurity('GET', '/v1/users/regulations/reg_unknown');

describe('DELETE regulation', () => {
  it("removes the users' events, decisions and links, mails the linked person, and resolve answers 404 after", async () => {
    const org = await createOrg();
    const [gone, linked, kept] = [uniqueUserId('gone'), uniqueUserId('linked'), uniqueUserId('kept')];
    await seedEvents(org.apiKey, [...events(gone, 30), ...events(linked, 20), ...events(kept, 5)]);
    const person = await linkPerson(org.apiKey, linked);
    const pending = await invite(org.apiKey, gone);
    for (const actor of [gone, gone, linked, kept]) expect((await evaluate(org.apiKey, actor)).status).toBe(200);
    await eventually(async () => {
      const [row] = await sql`select count(*)::int as n from policy_decisions where organization_id = ${org.id}`;
      return row!.n === 4 ? true : undefined;
    });

    const res = await regulate(org.apiKey, { type: 'DELETE', userIds: [gone, linked, gone] });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ regulationId: expect.stringMatching(/^reg_/), type: 'DELETE', status: 'RUNNING' });
    const done = await settled(org.apiKey, res.body.regulationId);
    expect(done).toMatchObject({
      regulationId: res.body.regulationId,
      type: 'DELETE',
      status: 'COMPLETED',
      counts: { users: 2, events: 50, decisions: 3, linksEnded: 1 },
      workflowId: `regulation:${res.body.regulationId}`,
      completedAt: expect.any(String),
      failure: null,
    });

    const h = keyHeaders(org.apiKey);
    for (const userId of [gone, linked]) {
      expect((await http('GET', `/events?userId=${encodeURIComponent(userId)}`, { headers: h })).body.events).toEqual(
        [],
      );
      const resolved = await http('POST', '/resolve', { headers: h, body: { userId } });
      expect([resolved.status, resolved.body.error.code]).toEqual([404, 'user_not_found']);
    }
    expect((await http('POST', '/resolve', { headers: h, body: { userId: kept } })).body.eventCount).toBe(5);
    const [left] =
      await sql`select count(*)::int as n, array_agg(actor_id) as actors from policy_decisions where organization_id = ${org.id}`;
    expect(left).toEqual({ n: 1, actors: [kept] });
    // Nothing left of them but the counts: no partner_users row, no ids on the regulation.
    expect(
      await sql`select 1 from partner_users where organization_id = ${org.id} and external_id in (${gone}, ${linked})`,
    ).toHaveLength(0);
    const [reg] = await sql`select user_ids from user_regulations where id = ${res.body.regulationId}`;
    expect(reg!.user_ids).toBeNull();
    // The partner's pending invite for a deleted user went with them: its page no longer links anybody.
    expect(await sql`select 1 from link_requests where id = ${pending.inviteId}`).toHaveLength(0);

    // The person is told, and sees the link gone.
    const mail = await eventually(async () =>
      (await outboxOf(person.email)).find((m) => /removed its link/.test(m.subject)),
    );
    expect(mail.subject).toBe(`${org.name} removed its link to your MIR account`);
    expect((await http('GET', '/v1/me/links', { headers: bearer(person.token) })).body.links ?? []).toEqual([]);

    // DELETE does not suppress: the partner's new events for the user are accepted.
    expect((await postEvent(org.apiKey, { type: 'review.posted', userId: gone })).status).toBe(201);
    const handle = temporal.client.workflow.getHandle(done.workflowId);
    await maybeRecordHistory(handle, 'regulation-delete.json');
  });

  it('two deletions of the same users at once: each row deleted and counted once, each person mailed once', async () => {
    const org = await createOrg();
    const users = Array.from({ length: 40 }, () => uniqueUserId('twice'));
    await seedEvents(
      org.apiKey,
      users.flatMap((u) => events(u, 60)),
    );
    const people = [await linkPerson(org.apiKey, users[0]!), await linkPerson(org.apiKey, users[39]!)];
    const pending = await invite(org.apiKey, users[10]!);
    const [a, b] = await Promise.all([
      regulate(org.apiKey, { type: 'DELETE', userIds: users }),
      regulate(org.apiKey, { type: 'SUPPRESS_WITH_DELETE', userIds: [...users].reverse() }),
    ]);
    expect([a.status, b.status]).toEqual([202, 202]);
    const [da, db] = await Promise.all([
      settled(org.apiKey, a.body.regulationId),
      settled(org.apiKey, b.body.regulationId),
    ]);
    expect([da.status, db.status]).toEqual(['COMPLETED', 'COMPLETED']);
    expect(da.counts.events + db.counts.events).toBe(2_400);
    expect(da.counts.linksEnded + db.counts.linksEnded).toBe(2);
    const [left] = await sql`select count(*)::int as n from events where organization_id = ${org.id}`;
    expect(left!.n).toBe(0);
    for (const p of people) {
      await eventually(async () =>
        (await outboxOf(p.email)).some((m) => /removed its link/.test(m.subject)) ? true : undefined,
      );
      expect((await outboxOf(p.email)).filter((m) => /removed its link/.test(m.subject))).toHaveLength(1);
    }
    // Invites made before are withdrawn; the suppressing one leaves them suppressed.
    const [request] = await sql`select status from link_requests where id = ${pending.inviteId}`;
    expect(request?.status ?? 'GONE').toMatch(/^(EXPIRED|GONE)$/);
    expect((await postEvent(org.apiKey, { type: 'review.posted', userId: users[5]! })).status).toBe(409);
  });
});

describe('SUPPRESS and UNSUPPRESS', () => {
  it('refuses new events with 409 user_suppressed (alone, in bulk, under an Idempotency-Key) until UNSUPPRESS', async () => {
    const org = await createOrg();
    const [seen, never, other] = [uniqueUserId('seen'), uniqueUserId('never'), uniqueUserId('other')];
    await seedEvents(org.apiKey, events(seen, 3));
    const res = await regulate(org.apiKey, { type: 'SUPPRESS', userIds: [seen, never] });
    expect(res.status).toBe(202);

    // In force from the 202: no wait for the workflow.
    for (const userId of [seen, never]) {
      const refused = await postEvent(org.apiKey, { type: 'review.posted', userId });
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({ code: 'user_suppressed', details: { userId } });
      const keyed = await postEvent(
        org.apiKey,
        { type: 'review.posted', userId },
        { 'idempotency-key': uniqueUserId('k') },
      );
      expect(keyed.body.error.code).toBe('user_suppressed');
    }
    expect((await postEvent(org.apiKey, { type: 'review.posted', userId: other })).status).toBe(201);
    const bulk = await http('POST', '/events/bulk', {
      headers: keyHeaders(org.apiKey),
      body: {
        events: [
          { type: 'review.posted', userId: other },
          { type: 'review.posted', userId: seen },
        ],
      },
    });
    expect(bulk.body.summary).toEqual({ total: 2, accepted: 1, errors: 1 });
    expect(bulk.body.results[1]).toEqual({
      index: 1,
      status: 'error',
      error: { code: 'user_suppressed', message: expect.any(String), details: { userId: seen } },
    });
    // The history stays (SUPPRESS deletes nothing), and the count did not move.
    expect(
      (await http('POST', '/resolve', { headers: keyHeaders(org.apiKey), body: { userId: seen } })).body.eventCount,
    ).toBe(3);

    const listed = await http('GET', '/v1/users/suppressions', { headers: keyHeaders(org.apiKey) });
    expect(listed.status).toBe(200);
    expect(listed.body.suppressions.map((s: { userId: string }) => s.userId).sort()).toEqual([never, seen].sort());
    const done = await settled(org.apiKey, res.body.regulationId);
    expect(done).toMatchObject({ status: 'COMPLETED', counts: { users: 2, events: 0 } });
    await maybeRecordHistory(temporal.client.workflow.getHandle(done.workflowId), 'regulation-suppress.json');

    // Another organisation's user with the same id is not suppressed.
    const orgB = await createOrg();
    expect((await postEvent(orgB.apiKey, { type: 'review.posted', userId: seen })).status).toBe(201);

    const lifted = await regulate(org.apiKey, { type: 'UNSUPPRESS', userIds: [seen] });
    expect(lifted.status).toBe(202);
    expect((await postEvent(org.apiKey, { type: 'review.posted', userId: seen })).status).toBe(201);
    expect((await postEvent(org.apiKey, { type: 'review.posted', userId: never })).status).toBe(409);
    const after = await http('GET', '/v1/users/suppressions', { headers: keyHeaders(org.apiKey) });
    expect(after.body.suppressions.map((s: { userId: string }) => s.userId)).toEqual([never]);
  });

  it('5,000 users suppressed twice at once, while events for them arrive: no deadlock, every one refused', async () => {
    const org = await createOrg();
    const users = Array.from({ length: 5_000 }, (_, i) => `${uniqueUserId('many')}-${i}`);
    const ingest = http('POST', '/events/bulk', {
      headers: keyHeaders(org.apiKey),
      body: { events: users.slice(0, 500).map((userId) => ({ type: 'review.posted', userId })) },
    });
    const answers = await Promise.all([
      regulate(org.apiKey, { type: 'SUPPRESS', userIds: users }),
      regulate(org.apiKey, { type: 'SUPPRESS', userIds: [...users].reverse() }),
      ingest,
    ]);
    expect(answers.map((r) => r.status)).toEqual([202, 202, 200]);
    const [row] =
      await sql`select count(*)::int as n from partner_users where organization_id = ${org.id} and suppressed_at is not null`;
    expect(row!.n).toBe(5_000);
    const refused = await http('POST', '/events/bulk', {
      headers: keyHeaders(org.apiKey),
      body: { events: users.slice(4_500).map((userId) => ({ type: 'review.posted', userId })) },
    });
    expect(refused.body.summary).toEqual({ total: 500, accepted: 0, errors: 500 });
  });
});

describe('POST /v1/users/regulations input', () => {
  it('400 for 5,001 ids, none, an unknown type or odd bytes in a userId, and nothing is changed', async () => {
    const org = await createOrg();
    const bad: unknown[] = [
      { type: 'DELETE', userIds: Array.from({ length: 5_001 }, (_, i) => `u${i}`) },
      { type: 'DELETE', userIds: [] },
      { type: 'DELETE_EVERYTHING', userIds: ['u'] },
      { type: 'DELETE', userIds: ['ok', 'bell\u0007'] },
      { type: 'DELETE', userIds: ['ok', 'c1\u0085'] },
      { type: 'DELETE', userIds: ['x'.repeat(257)] },
      { type: 'DELETE', userIds: [42] },
      { type: 'DELETE', userIds: 'u' },
      { type: 'DELETE', userIds: ['u'], extra: true },
    ];
    for (const body of bad) {
      const res = await regulate(org.apiKey, body);
      expect([res.status, res.body.error.code]).toEqual([400, 'validation_failed']);
    }
    for (const raw of [
      '{"type":"SUPPRESS","userIds":["nul\\u0000"]}',
      '{"type":"SUPPRESS","userIds":["half\\ud800"]}',
    ]) {
      const res = await http('POST', '/v1/users/regulations', {
        headers: { ...keyHeaders(org.apiKey), 'content-type': 'application/json' },
        rawBody: raw,
      });
      expect(res.status).toBe(400);
    }
    expect(await sql`select 1 from user_regulations where organization_id = ${org.id}`).toHaveLength(0);
    expect(await sql`select 1 from partner_users where organization_id = ${org.id}`).toHaveLength(0);
  });

  it('ids that look like SQL, patterns or other scripts are only ids: exactly those users are suppressed', async () => {
    const org = await createOrg();
    const odd = ["o'brien; drop table events;--", '%', '_', 'ユーザー😀', 'a\\b', ' spaced '];
    await seedEvents(
      org.apiKey,
      [...odd, 'obrien', 'x'].map((userId) => ({ type: 'review.posted', userId })),
    );
    expect((await regulate(org.apiKey, { type: 'SUPPRESS', userIds: odd })).status).toBe(202);
    for (const userId of odd) expect((await postEvent(org.apiKey, { type: 'review.posted', userId })).status).toBe(409);
    for (const userId of ['obrien', 'x', 'spaced'])
      expect((await postEvent(org.apiKey, { type: 'review.posted', userId })).status).toBe(201);
  });

  it('an Idempotency-Key answers the first regulation again and starts nothing more', async () => {
    const org = await createOrg();
    const key = uniqueUserId('idem');
    const body = { type: 'SUPPRESS', userIds: [uniqueUserId()] };
    const [first, second] = [
      await regulate(org.apiKey, body, { 'idempotency-key': key }),
      await regulate(org.apiKey, body, { 'idempotency-key': key }),
    ];
    expect(second.status).toBe(202);
    expect(second.body.regulationId).toBe(first.body.regulationId);
    expect(await sql`select 1 from user_regulations where organization_id = ${org.id}`).toHaveLength(1);
  });
});

describe('who may regulate, and whose regulations they see', () => {
  it('OWNER and ADMIN keys and an agent with users:delete may; ANALYST, MEMBER and other agents get 403', async () => {
    const org = await createOrg();
    const body = { type: 'SUPPRESS', userIds: [uniqueUserId()] };
    expect((await regulate(await issueKey(org.id, 'ADMIN'), body)).status).toBe(202);
    for (const role of ['ANALYST', 'MEMBER'] as const) {
      const key = await issueKey(org.id, role);
      for (const [method, path] of [
        ['POST', '/v1/users/regulations'],
        ['GET', '/v1/users/regulations'],
        ['GET', '/v1/users/suppressions'],
      ]) {
        const res = await http(method!, path!, {
          headers: keyHeaders(key),
          body: method === 'POST' ? body : undefined,
        });
        expect([res.status, res.body.error.code, res.body.error.details]).toEqual([
          403,
          'permission_denied',
          { missing: 'users:delete' },
        ]);
      }
    }
    const emitter = await createAgent(org.apiKey, {
      name: 'Emitter',
      type: 'SERVICE_ACCOUNT',
      preset: 'reconciler',
      agentExternalId: 'emitter',
    });
    expect((await regulate(emitter.apiKey, body)).body.error.code).toBe('permission_denied');
    // An OWNER key speaking as that agent has only what the agent has.
    const asAgent = await regulate(org.apiKey, body, { 'x-mir-agent-id': 'emitter' });
    expect([asAgent.status, asAgent.body.error.code]).toEqual([403, 'permission_denied']);
    const deleter = await createAgent(org.apiKey, {
      name: 'Deleter',
      type: 'SERVICE_ACCOUNT',
      permissions: ['users:delete'],
    });
    expect(deleter.permissions).toEqual(['users:delete']);
    expect((await regulate(deleter.apiKey, body)).status).toBe(202);
    // An AI agent's bulk cap (25) holds here too.
    const bot = await createAgent(org.apiKey, {
      name: 'Bot',
      type: 'AI_AGENT',
      permissions: ['users:delete'],
      allowedEventTypes: ['review.posted'],
    });
    const many = { type: 'SUPPRESS', userIds: Array.from({ length: 26 }, (_, i) => `u${i}`) };
    const capped = await regulate(bot.apiKey, many, { 'idempotency-key': uniqueUserId('k') });
    expect([capped.status, capped.body.error.code]).toEqual([400, 'bulk_limit_exceeded']);
    // No preset but admin holds it.
    for (const preset of ['event_emitter', 'verifier', 'reconciler']) {
      const agent = await createAgent(org.apiKey, { name: preset, type: 'SERVICE_ACCOUNT', preset });
      expect(agent.permissions).not.toContain('users:delete');
    }
    const admin = await createAgent(org.apiKey, { name: 'Admin', type: 'SERVICE_ACCOUNT', preset: 'admin' });
    expect(admin.permissions).toContain('users:delete');
  });

  it("another organisation's regulation is 404 and not listed; lists page with a cursor", async () => {
    const org = await createOrg();
    const orgB = await createOrg();
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1)
      ids.push((await regulate(org.apiKey, { type: 'SUPPRESS', userIds: [uniqueUserId()] })).body.regulationId);
    const stolen = await http('GET', `/v1/users/regulations/${ids[0]}`, { headers: keyHeaders(orgB.apiKey) });
    expect([stolen.status, stolen.body.error.code]).toEqual([404, 'regulation_not_found']);
    expect((await http('GET', '/v1/users/regulations', { headers: keyHeaders(orgB.apiKey) })).body.regulations).toEqual(
      [],
    );
    expect(
      (await http('GET', '/v1/users/suppressions', { headers: keyHeaders(orgB.apiKey) })).body.suppressions,
    ).toEqual([]);
    const unknown = await http('GET', '/v1/users/regulations/reg_nothing', { headers: keyHeaders(org.apiKey) });
    expect(unknown.body.error.code).toBe('regulation_not_found');

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page = await http('GET', `/v1/users/regulations${q}`, { headers: keyHeaders(org.apiKey) });
      seen.push(...page.body.regulations.map((r: { regulationId: string }) => r.regulationId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const bad = await http('GET', '/v1/users/suppressions?cursor=nope', { headers: keyHeaders(org.apiKey) });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'validation_failed']);
  });
});
