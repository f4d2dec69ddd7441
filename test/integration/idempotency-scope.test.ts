import { createAgent } from '../helpers/agents';
import { testSql } from '../helpers/db';
import { keyHeaders, postEvent, uniqueUserId } from '../helpers/events';
import { createOrg, freshLoopback, http, postFrom } from '../helpers/http';
import { signupAndLogin } from '../helpers/linking';

const sql = testSql();
afterAll(() => sql.end());

/**
 * An Idempotency-Key belongs to whoever sent it: an organisation's own keys, each of its agents,
 * each person. The same key from someone else is a new request, never a replay of another's
 * answer (organisations apart: idempotency.test.ts).
 */
const idem = (key: string) => ({ 'Idempotency-Key': key });
const BOT = (name: string) => ({ name, type: 'SERVICE_ACCOUNT', preset: 'event_emitter' });

describe('Idempotency-Key scopes', () => {
  it('two agents of one organisation and the organisation itself, at once with one key: three answers, each replayed to its sender only', async () => {
    const org = await createOrg();
    const agents = await Promise.all([createAgent(org.apiKey, BOT('x')), createAgent(org.apiKey, BOT('y'))]);
    const senders = [...agents.map((a) => a.apiKey), org.apiKey];
    const body = { type: 'review.posted', userId: uniqueUserId() };
    const key = idem(`shared-${uniqueUserId()}`);

    const first = await Promise.all(senders.map((k) => postEvent(k, body, key)));
    expect(first.map((r) => [r.status, r.headers.get('idempotent-replayed')])).toEqual(Array(3).fill([201, null]));
    expect(new Set(first.map((r) => r.body.id)).size).toBe(3);
    const again = await Promise.all(senders.map((k) => postEvent(k, body, key)));
    expect(again.map((r) => [r.headers.get('idempotent-replayed'), r.body.id])).toEqual(
      first.map((r) => ['true', r.body.id]),
    );
    const [count] = await sql`select count(*)::int as n from events where organization_id = ${org.id}`;
    expect(count!.n).toBe(3);
  });

  it("two people with one key: the second redemption is judged on its own, never handed the first one's link", async () => {
    const org = await createOrg();
    const code = await http('POST', '/partners/link/code', {
      headers: keyHeaders(org.apiKey),
      body: { userId: uniqueUserId() },
    });
    expect(code.status).toBe(201);
    const [alice, bob] = [await signupAndLogin(), await signupAndLogin()];
    const redeem = (token: string) =>
      postFrom(
        freshLoopback(),
        '/v1/me/links/code',
        { code: code.body.code },
        { headers: { authorization: `Bearer ${token}`, ...idem('one-key-for-both') } },
      );
    expect((await redeem(alice.token)).status).toBe(200);
    const second = await redeem(bob.token);
    expect(second.status).toBe(400);
    expect(second.body.error.code).toBe('invalid_code');
    const links = await http('GET', '/v1/me/links', { headers: { authorization: `Bearer ${bob.token}` } });
    expect(links.body.links).toEqual([]);
    // Alice's own retry is her replay.
    const replay = await redeem(alice.token);
    expect([replay.status, replay.headers['idempotent-replayed']]).toEqual([200, 'true']);
  });
});
