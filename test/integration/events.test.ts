import type { Mir } from '@mir/client';
import { testSql } from '../helpers/db';
import { daysAgo, keyHeaders, uniqueUserId } from '../helpers/events';
import { createOrg, http } from '../helpers/http';
import { asHttp, mirClient } from '../helpers/sdk';
import { describePartnerKeySecurity } from '../helpers/security';

const sql = testSql();
afterAll(() => sql.end());

/** Through the SDK; bodies the API must refuse are sent as given. */
const postEvent = (apiKey: string, body: unknown) =>
  asHttp(mirClient(apiKey).createEvent({ body: body as Mir.CreateEventData['body'] }));

const countEvents = async (orgId: string) =>
  (await sql`select count(*)::int as n from events where organization_id = ${orgId}`)[0]!.n as number;

describe('POST /events', () => {
  it('stores the event, creates the user on first sight and answers the documented body', async () => {
    const org = await createOrg();
    const userId = uniqueUserId();
    const before = Date.now();
    const { data, response } = await mirClient(org.apiKey).createEvent({
      body: { type: 'review.posted', userId, data: { stars: 5 } },
    });
    expect(response?.status).toBe(201);
    expect(data).toEqual({
      id: expect.stringMatching(/^evt_/),
      type: 'review.posted',
      userId,
      significance: 'normal',
      occurredAt: expect.any(String),
      receivedAt: expect.any(String),
    });
    expect(new Date(data!.occurredAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const users = await sql`select external_id, event_count from partner_users where organization_id = ${org.id}`;
    expect(users).toEqual([{ external_id: userId, event_count: '1' }]);
    const [row] = await sql`select type, data from events where id = ${data!.id}`;
    expect(row).toEqual({ type: 'review.posted', data: { stars: 5 } });
  });

  it('is also served under /v1 and treats mir.review.posted as review.posted', async () => {
    const org = await createOrg();
    const { data, response } = await mirClient(org.apiKey).createEventV1({
      body: { type: 'mir.review.posted', userId: uniqueUserId(), significance: 'high', occurredAt: daysAgo(3) },
    });
    expect(response?.status).toBe(201);
    expect(data).toMatchObject({ type: 'review.posted', significance: 'high' });
    expect((await sql`select type from events where id = ${data!.id}`)[0]!.type).toBe('review.posted');
  });

  it.each([
    ['type missing', { userId: 'u' }, 'type'],
    ['type not category.action', { type: 'ReviewPosted', userId: 'u' }, 'type'],
    ['type with three segments', { type: 'a.b.c', userId: 'u' }, 'type'],
    ['type not a string', { type: 7, userId: 'u' }, 'type'],
    ['userId missing', { type: 'a.b' }, 'userId'],
    ['userId empty', { type: 'a.b', userId: '' }, 'userId'],
    ['userId over 256', { type: 'a.b', userId: 'x'.repeat(257) }, 'userId'],
    ['userId with a control character', { type: 'a.b', userId: 'a\u0007b' }, 'userId'],
    ['userId a number', { type: 'a.b', userId: 42 }, 'userId'],
    ['unknown significance', { type: 'a.b', userId: 'u', significance: 'huge' }, 'significance'],
    ['data an array', { type: 'a.b', userId: 'u', data: [1] }, 'data'],
    ['data over 16 KiB', { type: 'a.b', userId: 'u', data: { blob: 'x'.repeat(17_000) } }, 'data'],
    ['occurredAt not a date', { type: 'a.b', userId: 'u', occurredAt: 'yesterday' }, 'occurredAt'],
    ['occurredAt without zone', { type: 'a.b', userId: 'u', occurredAt: '2026-01-01T00:00:00' }, 'occurredAt'],
    [
      'occurredAt 10 minutes ahead',
      { type: 'a.b', userId: 'u', occurredAt: new Date(Date.now() + 600_000).toISOString() },
      'occurredAt',
    ],
    ['an unknown field', { type: 'a.b', userId: 'u', score: 5 }, ''],
  ])('400 validation_failed for %s, naming the field, storing nothing', async (_label, body, field) => {
    const org = await createOrg();
    const res = await postEvent(org.apiKey, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ in: 'body', path: field })]),
    );
    expect(await countEvents(org.id)).toBe(0);
    expect((await sql`select count(*)::int as n from partner_users where organization_id = ${org.id}`)[0]!.n).toBe(0);
  });

  it('400 for an empty body or a JSON array, 400 invalid_json for broken JSON', async () => {
    const org = await createOrg();
    const empty = await http('POST', '/events', { headers: keyHeaders(org.apiKey) });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('validation_failed');
    const array = await http('POST', '/events', {
      headers: keyHeaders(org.apiKey),
      body: [{ type: 'a.b', userId: 'u' }],
    });
    expect(array.status).toBe(400);
    const broken = await http('POST', '/events', {
      headers: keyHeaders(org.apiKey, { 'content-type': 'application/json' }),
      rawBody: '{"type":',
    });
    expect(broken.body.error.code).toBe('invalid_json');
    expect(await countEvents(org.id)).toBe(0);
  });

  describePartnerKeySecurity('POST', '/events', { type: 'security.check', userId: 'sec-user' });
});
