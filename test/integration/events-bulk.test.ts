import { testSql } from '../helpers/db';
import { keyHeaders, uniqueUserId } from '../helpers/events';
import { createOrg, http } from '../helpers/http';
import { describePartnerKeySecurity } from '../helpers/security';

const sql = testSql();
afterAll(() => sql.end());

const bulk = (apiKey: string, events: unknown[], path = '/events/bulk') =>
  http('POST', path, { headers: keyHeaders(apiKey), body: { events } });

describe('POST /events/bulk', () => {
  it('stores the valid items, reports each bad one by index, and never rejects the others', async () => {
    const org = await createOrg();
    const userId = uniqueUserId();
    const res = await bulk(org.apiKey, [
      { type: 'review.posted', userId },
      { type: 'NOT A TYPE', userId },
      { type: 'mir.transaction.completed', userId, significance: 'high' },
      'not an object',
      { type: 'review.posted', userId: 'other', extra: true },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.summary).toEqual({ total: 5, accepted: 2, errors: 3 });
    expect(res.body.results).toEqual([
      { index: 0, status: 'accepted', id: expect.stringMatching(/^evt_/) },
      {
        index: 1,
        status: 'error',
        error: expect.objectContaining({
          code: 'validation_failed',
          details: [expect.objectContaining({ path: 'type' })],
        }),
      },
      { index: 2, status: 'accepted', id: expect.stringMatching(/^evt_/) },
      { index: 3, status: 'error', error: expect.objectContaining({ code: 'validation_failed' }) },
      { index: 4, status: 'error', error: expect.objectContaining({ code: 'validation_failed' }) },
    ]);
    const rows = await sql`select e.id, e.type from events e where e.organization_id = ${org.id} order by e.type`;
    expect(rows.map((r) => r.type)).toEqual(['review.posted', 'transaction.completed']);
    const [user] =
      await sql`select event_count from partner_users where organization_id = ${org.id} and external_id = ${userId}`;
    expect(user!.event_count).toBe('2');
  });

  it('accepts 500 events for many users in one request under /v1, counting each user right', async () => {
    const org = await createOrg();
    const users = Array.from({ length: 7 }, () => uniqueUserId('bulk'));
    const events = Array.from({ length: 500 }, (_, i) => ({ type: 'listing.viewed', userId: users[i % 7] }));
    const res = await bulk(org.apiKey, events, '/v1/events/bulk');
    expect(res.status).toBe(200);
    expect(res.body.summary).toEqual({ total: 500, accepted: 500, errors: 0 });
    const counts =
      await sql`select external_id, event_count::int as n from partner_users where organization_id = ${org.id} order by external_id`;
    expect(counts.reduce((sum, r) => sum + r.n, 0)).toBe(500);
    expect(counts).toHaveLength(7);
  });

  it('400 for 501 events, an empty list or a missing list, and stores nothing', async () => {
    const org = await createOrg();
    const tooMany = await bulk(
      org.apiKey,
      Array.from({ length: 501 }, () => ({ type: 'a.b', userId: 'u' })),
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details[0].path).toBe('events');
    expect((await bulk(org.apiKey, [])).status).toBe(400);
    const missing = await http('POST', '/events/bulk', { headers: keyHeaders(org.apiKey), body: { items: [] } });
    expect(missing.status).toBe(400);
    expect((await sql`select count(*)::int as n from events where organization_id = ${org.id}`)[0]!.n).toBe(0);
  });

  it('answers an all-invalid batch with every error and stores nothing', async () => {
    const org = await createOrg();
    const res = await bulk(org.apiKey, [{ type: 'x' }, { userId: 'u' }]);
    expect(res.status).toBe(200);
    expect(res.body.summary).toEqual({ total: 2, accepted: 0, errors: 2 });
    expect((await sql`select count(*)::int as n from events where organization_id = ${org.id}`)[0]!.n).toBe(0);
  });

  describePartnerKeySecurity('POST', '/events/bulk', { events: [{ type: 'security.check', userId: 'u' }] });
});
