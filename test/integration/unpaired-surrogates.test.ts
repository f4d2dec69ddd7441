import { testSql } from '../helpers/db';
import { waitForDecisions } from '../helpers/decisions';
import { keyHeaders, postEvent, uniqueUserId } from '../helpers/events';
import { createOrg, http } from '../helpers/http';

const sql = testSql();
afterAll(() => sql.end());

const resolve = (apiKey: string, userId: string) =>
  http('POST', '/resolve', { headers: keyHeaders(apiKey), body: { userId } });

/**
 * JSON may escape half of a UTF-16 surrogate pair on its own (`"\ud800"`); no UTF-8 text holds it,
 * so Postgres refuses it in jsonb. Accepted, one such decision or event failed its whole batch, and
 * the retries failed again, so nothing anyone sent was logged after it.
 */
describe('unpaired surrogates, which no Postgres column stores', () => {
  const json = (key: string) => ({ 'content-type': 'application/json', 'x-api-key': key });

  it('are refused with validation_failed on every JSON body, fast-dispatched or not, and nothing is written', async () => {
    const org = await createOrg();
    const userId = uniqueUserId('sur');
    const refusals = await Promise.all([
      http('POST', '/events', {
        headers: keyHeaders(org.apiKey),
        body: { type: 'a.b', userId, data: { v: 'a\ud800b' } },
      }),
      http('POST', '/events/bulk', {
        headers: keyHeaders(org.apiKey),
        body: {
          events: [
            { type: 'a.b', userId },
            { type: 'a.b', userId, data: { ['k\udc00']: 1 } },
          ],
        },
      }),
      http('POST', '/policy/evaluate', {
        headers: keyHeaders(org.apiKey),
        body: { actor_id: userId, action: 'message.send', context: { deep: [[[{ v: '\udbff' }]]] } },
      }),
      // A trailing slash: only Express serves it, through express.json.
      http('POST', '/resolve/', { headers: keyHeaders(org.apiKey), body: { userId: `${userId}\ud800` } }),
    ]);
    for (const res of refusals) {
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'validation_failed', message: expect.stringMatching(/surrogate/) });
    }
    const [events] = await sql`select count(*)::int as n from events where organization_id = ${org.id}`;
    expect(events!.n).toBe(0);
  });

  it('a pair, escaped or not, and an escaped backslash before u-d800 are ordinary text and are stored as sent', async () => {
    const org = await createOrg();
    const userId = uniqueUserId('sur');
    const escapedPair = await http('POST', '/events', {
      headers: json(org.apiKey),
      rawBody: `{"type":"a.b","userId":"${userId}","data":{"pair":"\\ud834\\udd1e","text":"\\\\ud800","raw":"𝄞"}}`,
    });
    expect(escapedPair.status).toBe(201);
    const [row] = await sql`select data from events where id = ${escapedPair.body.id as string}`;
    expect(row!.data).toEqual({ pair: '𝄞', text: '\\ud800', raw: '𝄞' });
  });

  it('one refused in a crowd of evaluations and events changes nothing for the others, and logging goes on', async () => {
    const org = await createOrg();
    const userId = uniqueUserId('sur');
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2 === 0
          ? postEvent(org.apiKey, { type: 'crowd.event', userId, ...(i === 10 ? { data: { v: '\ud800' } } : {}) })
          : http('POST', '/policy/evaluate', {
              headers: keyHeaders(org.apiKey),
              body: { actor_id: userId, action: 'message.send', context: i === 11 ? { v: '\udfff' } : { i } },
            }),
      ),
    );
    expect(answers.map((r) => r.status).filter((s) => s === 400)).toHaveLength(2);
    expect(answers[10]!.status).toBe(400);
    expect(answers[11]!.status).toBe(400);
    expect((await resolve(org.apiKey, userId)).body.eventCount).toBe(19);
    const logged = await waitForDecisions(org.apiKey, '?limit=100', 19);
    expect(logged.body.decisions).toHaveLength(19);
  });
});
