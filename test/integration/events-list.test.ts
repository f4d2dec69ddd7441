import { daysAgo, keyHeaders, seedEvents, uniqueUserId } from '../helpers/events';
import { createOrg, http } from '../helpers/http';
import { describePartnerKeySecurity } from '../helpers/security';

const list = (apiKey: string, query = '', path = '/events') =>
  http('GET', `${path}${query}`, { headers: keyHeaders(apiKey) });

async function listAll(apiKey: string, query: string, limit: number) {
  const seen: any[] = [];
  let cursor: string | null = null;
  do {
    const q: string = `?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await list(apiKey, q);
    expect(res.status).toBe(200);
    seen.push(...res.body.events);
    cursor = res.body.nextCursor;
  } while (cursor);
  return seen;
}

describe('GET /events', () => {
  it('lists only this organisation’s events, newest first, with data, default limit 20', async () => {
    const org = await createOrg();
    const other = await createOrg();
    const userId = uniqueUserId();
    await seedEvents(
      org.apiKey,
      Array.from({ length: 25 }, (_, i) => ({
        type: 'review.posted',
        userId,
        occurredAt: daysAgo(25 - i),
        data: { i },
      })),
    );
    await seedEvents(other.apiKey, [{ type: 'review.posted', userId }]);
    const res = await list(org.apiKey, '', '/v1/events');
    expect(res.status).toBe(200);
    expect(res.body.events).toHaveLength(20);
    expect(res.body.events[0]).toEqual({
      id: expect.stringMatching(/^evt_/),
      type: 'review.posted',
      userId,
      significance: 'normal',
      data: { i: 24 },
      occurredAt: expect.any(String),
      receivedAt: expect.any(String),
    });
    const times = res.body.events.map((e: any) => Date.parse(e.occurredAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(res.body.nextCursor).toEqual(expect.any(String));
    expect((await list(other.apiKey)).body.events).toHaveLength(1);
  });

  it('pages through everything exactly once, even while events are being inserted', async () => {
    const org = await createOrg();
    const userId = uniqueUserId();
    await seedEvents(
      org.apiKey,
      Array.from({ length: 30 }, (_, i) => ({ type: 'a.b', userId, occurredAt: daysAgo(10 + (i % 3)) })),
    );
    const first = await list(org.apiKey, '?limit=7');
    const ids = first.body.events.map((e: any) => e.id);
    let cursor = first.body.nextCursor;
    while (cursor) {
      await seedEvents(org.apiKey, [{ type: 'a.b', userId }]); // newer than anything already listed
      const page = await list(org.apiKey, `?limit=7&cursor=${encodeURIComponent(cursor)}`);
      ids.push(...page.body.events.map((e: any) => e.id));
      cursor = page.body.nextCursor;
    }
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
  });

  it('filters by userId, exact type, trailing-wildcard type (mir. or not) and a from/to window', async () => {
    const org = await createOrg();
    const [alice, bob] = [uniqueUserId('alice'), uniqueUserId('bob')];
    await seedEvents(org.apiKey, [
      { type: 'review.posted', userId: alice, occurredAt: daysAgo(5) },
      { type: 'review.edited', userId: alice, occurredAt: daysAgo(3) },
      { type: 'reviews.posted', userId: bob, occurredAt: daysAgo(2) },
      { type: 'transaction.completed', userId: bob, occurredAt: daysAgo(1) },
    ]);
    const types = async (q: string) => (await listAll(org.apiKey, q, 100)).map((e) => e.type).sort();
    expect(await types(`&userId=${alice}`)).toEqual(['review.edited', 'review.posted']);
    expect(await types('&type=review.posted')).toEqual(['review.posted']);
    expect(await types('&type=mir.review.posted')).toEqual(['review.posted']);
    expect(await types('&type=review.*')).toEqual(['review.edited', 'review.posted']);
    expect(await types(`&from=${daysAgo(4)}&to=${daysAgo(1.5)}`)).toEqual(['review.edited', 'reviews.posted']);
    expect(await types(`&userId=${bob}&type=transaction.*`)).toEqual(['transaction.completed']);
  });

  it.each([
    ['limit 0', '?limit=0', 'limit'],
    ['limit 101', '?limit=101', 'limit'],
    ['limit not a number', '?limit=ten', 'limit'],
    ['a forged cursor', '?cursor=not-a-cursor', 'cursor'],
    ['a leading wildcard', '?type=*.posted', 'type'],
    ['a bad date', '?from=yesterday', 'from'],
    ['an unknown parameter', '?sort=asc', ''],
  ])('400 validation_failed for %s', async (_label, query, field) => {
    const org = await createOrg();
    const res = await list(org.apiKey, query);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details[0]).toMatchObject({ in: 'query', path: field });
  });

  it('answers an empty page with a null cursor for an organisation with no events', async () => {
    const org = await createOrg();
    expect((await list(org.apiKey)).body).toEqual({ events: [], nextCursor: null });
  });

  describePartnerKeySecurity('GET', '/events');
});
