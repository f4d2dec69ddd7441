import { createDatabase } from '../../src/db/client';
import { accessLine, insertAccessLines, sweepAccessLog } from '../../src/db/queries/access-log';
import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import {
  type AccessEntry,
  accessLog,
  accessLogWith,
  bearer,
  evaluate,
  linkStatus,
  linkWithCode,
  resolveUser,
} from '../helpers/data-rights';
import { testSql } from '../helpers/db';
import { testEnv } from '../helpers/env';
import { keyHeaders, postEvent, uniqueUserId } from '../helpers/events';
import { createOrg, http } from '../helpers/http';
import { signupAndLogin } from '../helpers/linking';
import { eventually } from '../helpers/temporal';

jest.setTimeout(180_000);
const sql = testSql();
const database = createDatabase(testEnv().databaseUrl, { max: 2 });
afterAll(async () => {
  await sql.end();
  await database.close();
});

/** A person linked to a partner's user that has an event, so resolve answers. */
async function linkedPair(name = `Acme ${Date.now()}`) {
  const org = await createOrg(name);
  const person = await signupAndLogin();
  const userId = await linkWithCode(org.apiKey, person.token);
  expect((await postEvent(org.apiKey, { userId, type: 'order.completed' })).status).toBe(201);
  return { org, person, userId };
}

let lines = 0;
const line = (link: { id: string; mirUserId: string }, organizationId: string, at: string) =>
  accessLine(`acc_test${process.pid}x${(lines += 1)}`, { link, organizationId, operation: 'resolve' }, at);

const linkIdOf = async (orgId: string, mirUserId: string) =>
  (
    await sql`select id from partner_links where organization_id = ${orgId} and mir_user_id = ${mirUserId}
             order by linked_at desc limit 1`
  )[0]!.id as string;

describe('GET /v1/me/access-log', () => {
  it('logs resolve, evaluate (action and outcome, never a score) and link status, newest first', async () => {
    const { org, person, userId } = await linkedPair();
    expect((await resolveUser(org.apiKey, userId)).status).toBe(200);
    const decided = await evaluate(org.apiKey, userId, 'checkout.complete');
    expect(decided.status).toBe(200);
    expect((await linkStatus(org.apiKey, userId)).status).toBe(200);
    const bulk = await http('POST', '/policy/evaluate/bulk', {
      headers: keyHeaders(org.apiKey),
      body: {
        evaluations: [
          { actor_id: userId, action: 'message.send' },
          { actor_id: 'nobody', action: 'x.y' },
        ],
      },
    });
    expect(bulk.status).toBe(200);
    const entries = await accessLogWith(person.token, 4);
    const partner = { id: org.id, name: org.name };
    expect(entries).toEqual([
      { partner, operation: 'evaluate', action: 'message.send', outcome: expect.any(String), at: expect.any(String) },
      { partner, operation: 'link_status', action: null, outcome: null, at: expect.any(String) },
      {
        partner,
        operation: 'evaluate',
        action: 'checkout.complete',
        outcome: decided.body.decision,
        at: expect.any(String),
      },
      { partner, operation: 'resolve', action: null, outcome: null, at: expect.any(String) },
    ]);
    const times = entries.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    // No tier, count, reason or context of the decision is kept for the person's log.
    const [row] =
      await sql`select * from access_log where mir_user_id = ${person.id} and operation = 'evaluate' limit 1`;
    expect(Object.keys(row!).sort()).toEqual(
      ['action', 'at', 'id', 'link_id', 'mir_user_id', 'operation', 'organization_id', 'outcome'].sort(),
    );
  });

  it('logs nothing for users without a link, and shows a person only their own lookups', async () => {
    const a = await linkedPair();
    const b = await signupAndLogin();
    const stranger = uniqueUserId('unlinked');
    await postEvent(a.org.apiKey, { userId: stranger, type: 'order.completed' });
    await resolveUser(a.org.apiKey, stranger);
    await linkStatus(a.org.apiKey, stranger);
    await resolveUser(a.org.apiKey, a.userId);
    await accessLogWith(a.person.token, 1);
    expect((await sql`select count(*)::int as n from access_log where organization_id = ${a.org.id}`)[0]!.n).toBe(1);
    expect((await accessLog(b.token)).body).toEqual({ entries: [], nextCursor: null });
    expect((await accessLog(a.person.token)).body.entries).toHaveLength(1);
  });

  it('two lookups at once are both logged; pages by cursor without gaps or repeats', async () => {
    const { org, person, userId } = await linkedPair();
    const answers = await Promise.all([resolveUser(org.apiKey, userId), resolveUser(org.apiKey, userId)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    await Promise.all([linkStatus(org.apiKey, userId), evaluate(org.apiKey, userId), resolveUser(org.apiKey, userId)]);
    const all = await accessLogWith(person.token, 5);
    expect(all.filter((e) => e.operation === 'resolve')).toHaveLength(3);
    const seen: AccessEntry[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await accessLog(person.token, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.entries);
      cursor = page.body.nextCursor;
    }
    expect(seen).toEqual(all);
  });

  it('unlinking deletes the partner’s lookups at once; linking again starts an empty log', async () => {
    const { org, person, userId } = await linkedPair();
    await resolveUser(org.apiKey, userId);
    await accessLogWith(person.token, 1);
    const linkId = await linkIdOf(org.id, person.id);
    expect((await http('DELETE', `/v1/me/links/${org.id}`, { headers: bearer(person.token) })).status).toBe(200);
    expect((await accessLog(person.token)).body.entries).toEqual([]);
    expect((await sql`select count(*)::int as n from access_log where link_id = ${linkId}`)[0]!.n).toBe(0);
    // Unlinked, the partner's lookups are no longer the person's business: none is logged.
    expect((await resolveUser(org.apiKey, userId)).body.linked).toBe(false);
    const again = await linkWithCode(org.apiKey, person.token);
    await postEvent(org.apiKey, { userId: again, type: 'order.completed' });
    await resolveUser(org.apiKey, again);
    expect(await accessLogWith(person.token, 1)).toHaveLength(1);
  });

  it('a batch that lands after its link ended is never shown; the sweep deletes it and lookups past retention', async () => {
    const ended = await linkedPair();
    const endedLink = { id: await linkIdOf(ended.org.id, ended.person.id), mirUserId: ended.person.id };
    await http('DELETE', `/v1/me/links/${ended.org.id}`, { headers: bearer(ended.person.token) });
    // What a flush in flight during the unlink writes: the trigger that empties the link ran before it.
    const now = new Date().toISOString();
    await insertAccessLines(database.db, line(endedLink, ended.org.id, now));
    expect((await accessLog(ended.person.token)).body.entries).toEqual([]);

    const live = await linkedPair();
    const liveLink = { id: await linkIdOf(live.org.id, live.person.id), mirUserId: live.person.id };
    await insertAccessLines(
      database.db,
      line(liveLink, live.org.id, new Date(Date.now() - 3 * 86_400_000).toISOString()),
    );
    await resolveUser(live.org.apiKey, live.userId);
    expect(await accessLogWith(live.person.token, 2)).toHaveLength(2);
    await sweepAccessLog(database.db, 2);
    expect((await sql`select count(*)::int as n from access_log where link_id = ${endedLink.id}`)[0]!.n).toBe(0);
    const kept = (await accessLog(live.person.token)).body.entries as AccessEntry[];
    expect(kept).toHaveLength(1);
    expect(Date.now() - Date.parse(kept[0]!.at)).toBeLessThan(86_400_000);
  });

  it('refuses what it cannot read: no session 401, cursor and limit of odd bytes 400', async () => {
    const person = await signupAndLogin();
    expect((await http('GET', '/v1/me/access-log')).status).toBe(401);
    expect((await http('GET', '/v1/me/access-log', { headers: { cookie: 'mir_session=%zz' } })).status).toBe(401);
    for (const query of [
      '?cursor=abc',
      '?cursor=%E2%9C%93',
      '?cursor=' + 'A'.repeat(5000),
      '?limit=0',
      '?limit=101',
      '?limit=1e3',
      '?x=1',
    ]) {
      const res = await accessLog(person.token, query);
      expect([query, res.status, res.body.error?.code]).toEqual([query, 400, 'validation_failed']);
    }
  });
});

describe('the access log is bounded like the decision log', () => {
  let api: ApiProcess;
  beforeAll(async () => {
    api = await startApiProcess({ MIR_ACCESS_LOG_BUFFER_MAX: '10' });
  }, 180_000);
  afterAll(() => api?.stop());

  it('past MIR_ACCESS_LOG_BUFFER_MAX rows held, lookups of linked people are 503; none is answered unlogged', async () => {
    const { org, person, userId } = await linkedPair();
    const stranger = uniqueUserId('unlinked');
    await postEvent(org.apiKey, { userId: stranger, type: 'order.completed' });
    const lookup = (id: string) =>
      http('POST', '/resolve', { baseUrl: api.url, headers: keyHeaders(org.apiKey), body: { userId: id } });
    const holder = await sql.reserve();
    await holder`begin`;
    await holder`lock table access_log in exclusive mode`;
    try {
      const answers = [];
      for (let i = 0; i < 11; i += 1) answers.push(await lookup(userId));
      expect(answers.slice(0, 10).map((a) => a.status)).toEqual(Array(10).fill(200));
      expect(answers[10]!.status).toBe(503);
      expect(answers[10]!.body.error).toMatchObject({ code: 'overloaded', details: { bound: 'access_log_buffer' } });
      // A user without a link is no lookup of a person: answered as before.
      expect((await lookup(stranger)).status).toBe(200);
    } finally {
      await holder`rollback`;
      holder.release();
    }
    const logged = await accessLogWith(person.token, 10);
    expect(logged).toHaveLength(10);
    await eventually(async () => ((await lookup(userId)).status === 200 ? true : undefined));
  });
});
