import { testSql } from '../helpers/db';
import { keyHeaders, uniqueUserId } from '../helpers/events';
import { createOrg, http } from '../helpers/http';

/**
 * Events have no foreign key to their user (migration 0028, ADR 0008): a trigger deletes a user's
 * events with the user. Erasures and regulations delete users by SQL, so these tests do too.
 */
const sql = testSql();
afterAll(() => sql.end());

const bulk = (key: string, userIds: string[]) =>
  http('POST', '/v1/events/bulk', {
    headers: keyHeaders(key),
    body: { events: userIds.map((userId) => ({ type: 'review.posted', userId, data: { note: 'x' } })) },
  });

const eventsOf = async (orgId: string) =>
  new Map(
    (
      await sql<{ external_id: string; n: number }[]>`
        select u.external_id, count(e.id)::int as n from partner_users u left join events e on e.partner_user_id = u.id
        where u.organization_id = ${orgId} group by u.external_id`
    ).map((r) => [r.external_id, r.n]),
  );

const orphans = async (orgId: string) =>
  (
    await sql<{ n: number }[]>`select count(*)::int as n from events e where e.organization_id = ${orgId}
      and not exists (select 1 from partner_users u where u.id = e.partner_user_id)`
  )[0]!.n;

describe('deleting a partner user deletes its events', () => {
  it('in one statement for many users, and only theirs, whatever bytes their ids hold', async () => {
    const org = await createOrg();
    const odd = ["o'brien\\\"; drop table events; --", 'zero\u200bwidth', '東京-ユーザー', uniqueUserId('plain')];
    const kept = uniqueUserId('kept');
    expect((await bulk(org.apiKey, [...odd, ...odd, kept])).status).toBe(200);
    const gone = await sql`delete from partner_users where organization_id = ${org.id} and external_id = any(${odd}::text[])`;
    expect(gone.count).toBe(4);
    expect(await eventsOf(org.id)).toEqual(new Map([[kept, 1]]));
    expect(await orphans(org.id)).toBe(0);
  });

  it('a deletion racing bulk writes for the same user never leaves an event without its user', async () => {
    const org = await createOrg();
    const userId = uniqueUserId('raced');
    for (let round = 0; round < 15; round += 1) {
      await Promise.all([
        bulk(org.apiKey, Array.from({ length: 200 }, () => userId)),
        bulk(org.apiKey, Array.from({ length: 200 }, () => userId)),
        sql`delete from partner_users where organization_id = ${org.id} and external_id = ${userId}`,
      ]);
      expect(await orphans(org.id)).toBe(0);
    }
    // Whatever survived the races is counted right: the user's aggregate equals its events.
    const [row] = await sql<{ event_count: number; n: number }[]>`
      select u.event_count::int, (select count(*)::int from events e where e.partner_user_id = u.id) as n
      from partner_users u where u.organization_id = ${org.id} and u.external_id = ${userId}`;
    if (row) expect(row.event_count).toBe(row.n);
  });
});
