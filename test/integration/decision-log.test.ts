import { createDatabase } from '../../src/db/client';
import { decisionLine, insertDecisionLines } from '../../src/db/queries/decision-log';
import type { DecisionRow } from '../../src/db/queries/policy';
import { newId } from '../../src/domain/ids';
import { waitForDecisions } from '../helpers/decisions';
import { testEnv } from '../helpers/env';
import { keyHeaders, uniqueUserId } from '../helpers/events';
import { createOrg, http } from '../helpers/http';

const database = createDatabase(testEnv().databaseUrl, { max: 4 });
afterAll(() => database.close());

/** Every character COPY's text format treats specially, and JSON escapes that contain them. */
const AWKWARD = {
  backslash: 'a\\b',
  tab: 'a\tb',
  newline: 'line1\nline2\r\nline3',
  copyNull: '\\N',
  endOfData: '\\.',
  quote: 'say "hi"',
  unicode: 'é ✓ 𝄞 \u2028',
  'key\twith\\specials': ['\\', '\t', { nested: '\n' }],
};

const row = (organizationId: string, context: Record<string, unknown>): DecisionRow => ({
  id: newId('dec'),
  organizationId,
  actorId: 'actor\twith\\tab',
  actorType: 'human',
  action: 'checkout.complete',
  decision: 'allow',
  reasons: ['tier_met'],
  actorTier: null,
  limits: { max_per_hour: 3 },
  inputs: { context, steps: [] },
  createdAt: new Date(),
});

describe('the decision log (COPY)', () => {
  it('keeps every byte of a context through the API, single and bulk, as it was sent', async () => {
    const org = await createOrg();
    const actor = uniqueUserId('copy');
    const single = await http('POST', '/policy/evaluate', {
      headers: keyHeaders(org.apiKey),
      body: { actor_id: actor, action: 'checkout.complete', context: AWKWARD },
    });
    expect(single.status).toBe(200);
    const bulk = await http('POST', '/policy/evaluate/bulk', {
      headers: keyHeaders(org.apiKey),
      body: {
        evaluations: Array.from({ length: 20 }, (_, i) => ({
          actor_id: `${actor}-${i}`,
          action: 'message.send',
          context: { ...AWKWARD, i },
        })),
      },
    });
    expect(bulk.status).toBe(200);
    const logged: any[] = (await waitForDecisions(org.apiKey, '?limit=100', 21)).body.decisions;
    expect(logged).toHaveLength(21);
    const first = logged.find((d) => d.decision_id === single.body.decision_id);
    expect(first.inputs.context).toEqual(AWKWARD);
    expect(first.actor).toEqual({ id: actor, type: 'human' });
    for (const d of logged.filter((x) => x !== first))
      expect(d.inputs.context).toEqual({ ...AWKWARD, i: expect.any(Number) });
  });

  it('writes a batch again without doubling it (a retry whose first try committed), and skips a deleted organisation', async () => {
    const kept = await createOrg();
    const gone = await createOrg();
    const rows = [row(kept.id, { n: 1 }), row(kept.id, AWKWARD), row(gone.id, { n: 3 })];
    const text = rows.map(decisionLine).join('');
    await insertDecisionLines(database.db, text);
    // No endpoint deletes an organisation; an operator can, in SQL.
    await database.sql`delete from organizations where id = ${gone.id}`;
    // The same batch again: its rows are there, one names an organisation that no longer exists.
    await insertDecisionLines(database.db, text);
    const found = await database.sql<{ id: string; actor_id: string; limits: unknown; inputs: any }[]>`
      select id, actor_id, limits, inputs from policy_decisions where id in ${database.sql(rows.map((r) => r.id))}
      order by id`;
    expect(found.map((f) => f.id)).toEqual([rows[0]!.id, rows[1]!.id].sort());
    const awkward = found.find((f) => f.id === rows[1]!.id)!;
    expect(awkward).toMatchObject({ actor_id: 'actor\twith\\tab', limits: { max_per_hour: 3 } });
    expect(awkward.inputs.context).toEqual(AWKWARD);
  });
});
