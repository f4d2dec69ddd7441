import { testSql } from '../helpers/db';
import { keyHeaders, postEvent, uniqueUserId } from '../helpers/events';
import { createOrg, http } from '../helpers/http';

/**
 * Concurrent single events share statements and commits (src/api/event-writer.ts). Whatever
 * batch an event lands in, each answer must describe its own event, every event must be stored
 * once in its own organisation, and every user's history must count exactly its events.
 */
const sql = testSql();
afterAll(() => sql.end());

const resolve = (apiKey: string, userId: string) =>
  http('POST', '/v1/resolve', { headers: keyHeaders(apiKey), body: { userId } });

describe('POST /events under concurrency', () => {
  it('120 events at once from two organisations: each answered, stored and counted once', async () => {
    const [a, b] = [await createOrg(), await createOrg()];
    const users = [uniqueUserId('gc'), uniqueUserId('gc'), uniqueUserId('gc')];
    const sends = Array.from({ length: 120 }, (_, i) => ({
      org: i % 2 === 0 ? a : b,
      userId: users[i % 3]!,
      type: `group.commit_${i % 4}`,
      marker: i,
    }));
    const answers = await Promise.all(
      sends.map((s) => postEvent(s.org.apiKey, { type: s.type, userId: s.userId, data: { marker: s.marker } })),
    );
    expect(answers.map((r) => r.status)).toEqual(sends.map(() => 201));
    answers.forEach((r, i) => expect(r.body).toMatchObject({ type: sends[i]!.type, userId: sends[i]!.userId }));
    expect(new Set(answers.map((r) => r.body.id)).size).toBe(120);

    const stored = await sql<{ id: string; organization_id: string; marker: number; received_at: Date }[]>`
      select id, organization_id, (data->>'marker')::int as marker, received_at from events
      where id = any(${answers.map((r) => r.body.id as string)})`;
    const byId = new Map(stored.map((r) => [r.id, r]));
    answers.forEach((r, i) => {
      expect(byId.get(r.body.id)).toMatchObject({ id: r.body.id, organization_id: sends[i]!.org.id, marker: i });
    });
    // Events committed together share their transaction's time: proof the crowd was batched,
    // across both organisations, rather than written one by one.
    const commits = new Map<number, Set<string>>();
    for (const r of stored)
      commits.set(r.received_at.getTime(), (commits.get(r.received_at.getTime()) ?? new Set()).add(r.organization_id));
    expect(commits.size).toBeLessThan(120);
    expect([...commits.values()].some((orgs) => orgs.size === 2)).toBe(true);

    for (const org of [a, b]) {
      for (const userId of users) {
        const expected = sends.filter((s) => s.org === org && s.userId === userId).length;
        const res = await resolve(org.apiKey, userId);
        expect(res.body).toMatchObject({ userId, eventCount: expected, partnerCount: 1 });
      }
    }
  });

  it('a refused event in the crowd changes nothing for the others', async () => {
    const org = await createOrg();
    const userId = uniqueUserId('gc');
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i === 7
          ? http('POST', '/events', {
              headers: keyHeaders(org.apiKey),
              body: { type: 'group.commit', userId, data: { note: 'nul \u0000 here' } },
            })
          : postEvent(org.apiKey, { type: 'group.commit', userId }),
      ),
    );
    expect(answers[7]!.status).toBe(400);
    expect(answers[7]!.body.error.code).toBe('validation_failed');
    expect(answers.filter((r) => r.status === 201)).toHaveLength(29);
    expect((await resolve(org.apiKey, userId)).body.eventCount).toBe(29);
  });
});

describe('the NUL character, which Postgres cannot store', () => {
  it('is refused in any JSON body with validation_failed, and nothing is written', async () => {
    const org = await createOrg();
    const userId = uniqueUserId('nul');
    const single = await http('POST', '/events', {
      headers: keyHeaders(org.apiKey),
      body: { type: 'a.b', userId, data: { ['key\u0000']: 1 } },
    });
    expect(single.status).toBe(400);
    expect(single.body.error).toMatchObject({ code: 'validation_failed', message: expect.stringMatching(/NUL/) });
    const bulk = await http('POST', '/events/bulk', {
      headers: keyHeaders(org.apiKey),
      body: {
        events: [
          { type: 'a.b', userId },
          { type: 'a.b', userId, data: { v: '\u0000' } },
        ],
      },
    });
    expect(bulk.status).toBe(400);
    const policy = await http('POST', '/policy/evaluate', {
      headers: keyHeaders(org.apiKey),
      body: { actor_id: userId, action: 'message.send', context: { note: 'x\u0000' } },
    });
    expect(policy.status).toBe(400);
    const count = await sql`select count(*)::int as n from events where organization_id = ${org.id}`;
    expect(count[0]!.n).toBe(0);
  });

  it('an escaped backslash before u0000 is ordinary text and is stored', async () => {
    const org = await createOrg();
    const res = await postEvent(org.apiKey, { type: 'a.b', userId: uniqueUserId('nul'), data: { v: '\\u0000' } });
    expect(res.status).toBe(201);
    const [row] = await sql`select data->>'v' as v from events where id = ${res.body.id as string}`;
    expect(row!.v).toBe('\\u0000');
  });
});
