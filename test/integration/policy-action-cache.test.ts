import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import { testSql } from '../helpers/db';
import { keyHeaders } from '../helpers/events';
import { adminHeaders, createOrg, http } from '../helpers/http';

jest.setTimeout(180_000);

/**
 * Every API process caches each organisation's own action configuration for POST
 * /policy/evaluate (src/db/notified-cache.ts). The second process here keeps entries for a full
 * minute, so a change it applies within the few seconds allowed came from Postgres's notification,
 * not from an entry expiring.
 */
const sql = testSql();
let other: ApiProcess;

beforeAll(async () => {
  other = await startApiProcess({ MIR_AUTH_CACHE_TTL_MS: '60000' });
});

afterAll(async () => {
  await sql.end();
  if (other) expect(await other.stop()).toBe(0);
});

const ACTION = 'payout.request';
const setFailBehavior = (orgId: string, failBehavior: 'deny' | 'step_up') =>
  http('PUT', `/admin/organizations/${orgId}/policy/actions/${ACTION}`, {
    headers: adminHeaders(),
    body: { required_tier: 2, fail_behavior: failBehavior },
  });
/** A newcomer without history fails tier 2, so the decision is whatever fail_behavior says. */
const decide = async (apiKey: string, baseUrl?: string) => {
  const res = await http('POST', '/policy/evaluate', {
    baseUrl,
    headers: keyHeaders(apiKey),
    body: { actor_id: `newcomer-${Math.random()}`, action: ACTION },
  });
  expect(res.status).toBe(200);
  return res.body.decision as string;
};

async function decisionWithin(ms: number, ask: () => Promise<string>, expected: string) {
  const started = Date.now();
  for (;;) {
    const decision = await ask();
    if (decision === expected || Date.now() - started > ms) return { decision, afterMs: Date.now() - started };
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the action configuration cache', () => {
  it('the very next evaluation on the changing process uses the change, while evaluations race it', async () => {
    const org = await createOrg();
    // Evaluations in flight at every change: a load begun before the change must not be kept.
    let stop = false;
    const background = Array.from({ length: 8 }, async () => {
      while (!stop) await decide(org.apiKey);
    });
    try {
      for (let round = 0; round < 20; round += 1) {
        const behavior = round % 2 === 0 ? 'step_up' : 'deny';
        expect((await setFailBehavior(org.id, behavior)).status).toBe(200);
        expect(await decide(org.apiKey)).toBe(behavior);
      }
    } finally {
      stop = true;
      await Promise.all(background);
    }
  });

  it('a change made through one process reaches another within milliseconds', async () => {
    const org = await createOrg();
    expect((await setFailBehavior(org.id, 'deny')).status).toBe(200);
    expect(await decide(org.apiKey, other.url)).toBe('deny');
    expect((await setFailBehavior(org.id, 'step_up')).status).toBe(200);
    const seen = await decisionWithin(5_000, () => decide(org.apiKey, other.url), 'step_up');
    expect(seen.decision).toBe('step_up');
    expect(seen.afterMs).toBeLessThan(1_000);
  });

  it('a change by hand in SQL and a removal through the API reach every process', async () => {
    const org = await createOrg();
    expect((await setFailBehavior(org.id, 'step_up')).status).toBe(200);
    expect(await decide(org.apiKey, other.url)).toBe('step_up');
    expect(await decide(org.apiKey)).toBe('step_up');
    await sql`update policy_actions set config = config || '{"fail_behavior":"deny"}'
              where organization_id = ${org.id} and action = ${ACTION}`;
    for (const url of [other.url, undefined]) {
      expect((await decisionWithin(5_000, () => decide(org.apiKey, url), 'deny')).decision).toBe('deny');
    }
    // Removed, the default applies again: payout.request denies below its tier.
    expect((await setFailBehavior(org.id, 'step_up')).status).toBe(200);
    const removed = await http('DELETE', `/admin/organizations/${org.id}/policy/actions/${ACTION}`, {
      headers: adminHeaders(),
    });
    expect(removed.status).toBe(200);
    expect(await decide(org.apiKey)).toBe('deny');
    expect((await decisionWithin(5_000, () => decide(org.apiKey, other.url), 'deny')).decision).toBe('deny');
  });
});
