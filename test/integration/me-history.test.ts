import { bearer, linkWithCode, resolveUser } from '../helpers/data-rights';
import { daysAgo, seedEvents } from '../helpers/events';
import { createOrg, http } from '../helpers/http';
import { signupAndLogin } from '../helpers/linking';

jest.setTimeout(120_000);

const history = (token: string) => http('GET', '/v1/me/history', { headers: bearer(token) });

/** What a resolve says of the person, in the fields /v1/me/history shares with it. */
const asPartnersSee = ({ userId: _u, linked: _l, ...signals }: Record<string, unknown>) => signals;

const events = (userId: string, type: string, days: number[]) =>
  days.map((d) => ({ userId, type, occurredAt: daysAgo(d) }));

describe('GET /v1/me/history', () => {
  it('answers what every linked partner resolves, and what each of them holds', async () => {
    const person = await signupAndLogin();
    const a = await createOrg(`Rentals ${Date.now()}`);
    const b = await createOrg(`Market <b>&"${Date.now()}`);
    const quiet = await createOrg(`Quiet ${Date.now()}`);
    const userA = await linkWithCode(a.apiKey, person.token);
    const userB = await linkWithCode(b.apiKey, person.token);
    await linkWithCode(quiet.apiKey, person.token);
    await seedEvents(a.apiKey, [
      ...events(userA, 'order.completed', [20, 12, 11, 10, 9, 8, 7, 6]),
      ...events(userA, 'mir.review.posted', [5, 4]),
      ...events(userA, 'review.posted', [3]),
    ]);
    await seedEvents(b.apiKey, events(userB, 'listing.created', [2, 1]));

    const res = await history(person.token);
    expect(res.status).toBe(200);
    const resolved = await resolveUser(a.apiKey, userA);
    expect(resolved.body.linked).toBe(true);
    const { partners, ...totals } = res.body;
    expect(totals).toEqual(asPartnersSee(resolved.body));
    expect(totals).toMatchObject({ tier: 1, eventCount: 13, partnerCount: 2 });
    expect(asPartnersSee((await resolveUser(b.apiKey, userB)).body)).toEqual(totals);
    expect(partners).toEqual([
      {
        partner: { id: a.id, name: a.name },
        linkedAt: expect.any(String),
        eventCount: 11,
        firstEventAt: expect.any(String),
        lastEventAt: expect.any(String),
        // mir.review.posted is review.posted: one type, counted once.
        eventTypes: [
          { type: 'order.completed', count: 8 },
          { type: 'review.posted', count: 3 },
        ],
        eventTypesTruncated: false,
      },
      {
        partner: { id: b.id, name: b.name },
        linkedAt: expect.any(String),
        eventCount: 2,
        firstEventAt: expect.any(String),
        lastEventAt: expect.any(String),
        eventTypes: [{ type: 'listing.created', count: 2 }],
        eventTypesTruncated: false,
      },
      {
        partner: { id: quiet.id, name: quiet.name },
        linkedAt: expect.any(String),
        eventCount: 0,
        firstEventAt: null,
        lastEventAt: null,
        eventTypes: [],
        eventTypesTruncated: false,
      },
    ]);
    expect(Date.parse(partners[0].firstEventAt)).toBe(Date.parse(totals.firstEventAt));
    expect(Date.parse(partners[1].lastEventAt)).toBe(Date.parse(totals.lastEventAt));

    // Two reads at once answer the same; unlinking a partner takes it out of the history at once.
    const [one, two] = await Promise.all([history(person.token), history(person.token)]);
    expect(one.body).toEqual(two.body);
    expect((await http('DELETE', `/v1/me/links/${b.id}`, { headers: bearer(person.token) })).status).toBe(200);
    const after = (await history(person.token)).body;
    expect(after.partners.map((p: { partner: { id: string } }) => p.partner.id)).toEqual([a.id, quiet.id]);
    const { partners: _p, ...afterTotals } = after;
    expect(afterTotals).toEqual(asPartnersSee((await resolveUser(a.apiKey, userA)).body));
    expect(afterTotals).toMatchObject({ eventCount: 11, partnerCount: 1 });
  });

  it('without a link no partner sees anything: tier 0; another person never sees this one', async () => {
    const person = await signupAndLogin();
    const org = await createOrg();
    const userId = await linkWithCode(org.apiKey, person.token);
    await seedEvents(org.apiKey, events(userId, 'order.completed', [1]));
    const other = await signupAndLogin();
    expect((await history(other.token)).body).toEqual({
      tier: 0,
      tierLabel: 'none',
      eventCount: 0,
      partnerCount: 0,
      firstEventAt: null,
      lastEventAt: null,
      daysSinceFirstEvent: null,
      daysSinceLastEvent: null,
      partners: [],
    });
    expect((await history(person.token)).body.eventCount).toBe(1);
  });

  it('lists a partner’s 100 most frequent event types and says there were more', async () => {
    const person = await signupAndLogin();
    const org = await createOrg();
    const userId = await linkWithCode(org.apiKey, person.token);
    const many = Array.from({ length: 101 }, (_, i) => ({ userId, type: `kind.t${String(i).padStart(3, '0')}` }));
    await seedEvents(org.apiKey, [...many, { userId, type: 'kind.t100' }]);
    const [entry] = (await history(person.token)).body.partners;
    expect(entry.eventTypes).toHaveLength(100);
    expect(entry.eventTypes[0]).toEqual({ type: 'kind.t100', count: 2 });
    expect(entry.eventTypesTruncated).toBe(true);
    expect(entry.eventCount).toBe(102);
  });

  it('refuses without a session, or with one that cannot be one', async () => {
    const sessions: Record<string, string>[] = [
      {},
      { cookie: 'mir_session=%E0%A4%A' },
      { authorization: 'Bearer nope' },
    ];
    for (const headers of sessions) {
      const res = await http('GET', '/v1/me/history', { headers });
      expect([res.status, res.body.error.code]).toEqual([401, 'unauthorized']);
    }
  });
});
