import type { Mir } from '@mir/client';
import { daysAgo, seedEvents, uniqueUserId } from '../helpers/events';
import { createOrg } from '../helpers/http';
import { asHttp, mirClient } from '../helpers/sdk';
import { describePartnerKeySecurity } from '../helpers/security';

/** Through the SDK (resolveUser, or its /v1 twin); bodies the API must refuse are sent as given. */
const resolve = (apiKey: string, body: unknown, path: '/resolve' | '/v1/resolve' = '/resolve') => {
  const mir = mirClient(apiKey);
  const operation = path === '/resolve' ? mir.resolveUser : mir.resolveUserV1;
  return asHttp(operation({ body: body as Mir.ResolveUserData['body'] }));
};

describe('POST /resolve', () => {
  it('answers tier 1 "limited" for 12 events over 20 days, with neutral facts only', async () => {
    const org = await createOrg();
    const userId = uniqueUserId();
    // Out of order on purpose: first and last must still come out right.
    const ages = [3, 20, 10, 1, 15, 5, 7, 12, 2, 9, 18, 4];
    await seedEvents(
      org.apiKey,
      ages.map((d) => ({ type: 'transaction.completed', userId, occurredAt: daysAgo(d) })),
    );
    const { data, response } = await mirClient(org.apiKey).resolveUser({ body: { userId } });
    expect(response?.status).toBe(200);
    expect(data).toEqual({
      userId,
      tier: 1,
      tierLabel: 'limited',
      eventCount: 12,
      partnerCount: 1,
      firstEventAt: expect.any(String),
      lastEventAt: expect.any(String),
      daysSinceFirstEvent: 20,
      daysSinceLastEvent: 1,
      linked: false,
    });
    expect(Date.parse(data!.firstEventAt!)).toBeLessThan(Date.parse(data!.lastEventAt!));
    expect(JSON.stringify(data)).not.toMatch(/score|rating|trust/i);
  });

  it('stays tier 0 "none" below the tier 1 minimums, and moves as events arrive', async () => {
    const org = await createOrg();
    const userId = uniqueUserId();
    await seedEvents(
      org.apiKey,
      Array.from({ length: 9 }, () => ({ type: 'a.b', userId, occurredAt: daysAgo(30) })),
    );
    const nine = await resolve(org.apiKey, { userId }, '/v1/resolve');
    expect(nine.body).toMatchObject({ tier: 0, tierLabel: 'none', eventCount: 9, daysSinceFirstEvent: 30 });
    await seedEvents(org.apiKey, [{ type: 'a.b', userId, occurredAt: daysAgo(40) }]);
    const ten = await resolve(org.apiKey, { userId });
    expect(ten.body).toMatchObject({ tier: 1, eventCount: 10, daysSinceFirstEvent: 40, daysSinceLastEvent: 30 });
  });

  it('a recent history stays tier 0 however many events it has (days since first event < 14)', async () => {
    const org = await createOrg();
    const userId = uniqueUserId();
    await seedEvents(
      org.apiKey,
      Array.from({ length: 60 }, () => ({ type: 'a.b', userId, occurredAt: daysAgo(13) })),
    );
    expect((await resolve(org.apiKey, { userId })).body).toMatchObject({ tier: 0, eventCount: 60 });
  });

  it('404 user_not_found, identical for a user that exists elsewhere and one that exists nowhere', async () => {
    const a = await createOrg();
    const b = await createOrg();
    const userOfA = uniqueUserId();
    await seedEvents(a.apiKey, [{ type: 'a.b', userId: userOfA }]);
    const elsewhere = await resolve(b.apiKey, { userId: userOfA });
    const nowhere = await resolve(b.apiKey, { userId: uniqueUserId('ghost') });
    expect(elsewhere.status).toBe(404);
    expect(nowhere.status).toBe(404);
    const strip = (body: any) => ({ ...body.error, requestId: undefined });
    expect(strip(elsewhere.body)).toEqual(strip(nowhere.body));
    expect(elsewhere.body.error.code).toBe('user_not_found');
    expect(elsewhere.text).not.toContain(a.id);
  });

  it.each([
    ['no userId', {}],
    ['an empty userId', { userId: '' }],
    ['a numeric userId', { userId: 5 }],
    ['an unknown field', { userId: 'u', includeScore: true }],
  ])('400 validation_failed for %s', async (_label, body) => {
    const org = await createOrg();
    const res = await resolve(org.apiKey, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });

  describePartnerKeySecurity('POST', '/resolve', { userId: 'security-user' });
});
