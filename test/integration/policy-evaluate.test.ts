import type { Mir } from '@mir/client';
import { AI_BOT, createAgent } from '../helpers/agents';
import { daysAgo, seedEvents, uniqueUserId } from '../helpers/events';
import { createOrg } from '../helpers/http';
import { asHttp, mirClient } from '../helpers/sdk';
import { describePartnerKeySecurity } from '../helpers/security';

/** Through the SDK (evaluatePolicy, evaluatePolicyBulk); bodies the API must refuse are sent as given. */
const evaluate = (key: string, body: unknown, opts: { debug?: 'true'; headers?: Record<string, string> } = {}) =>
  asHttp(
    mirClient(key).evaluatePolicy({
      body: body as Mir.EvaluatePolicyData['body'],
      query: opts.debug ? { debug: opts.debug } : undefined,
      headers: opts.headers,
    }),
  );
const bulk = (key: string, evaluations: unknown[], headers: Record<string, string> = {}) =>
  asHttp(mirClient(key).evaluatePolicyBulk({ body: { evaluations }, headers }));

async function userWith(key: string, events: number, days: number) {
  const userId = uniqueUserId();
  await seedEvents(
    key,
    Array.from({ length: events }, () => ({ type: 'order.completed', userId, occurredAt: daysAgo(days) })),
  );
  return userId;
}

let org: Awaited<ReturnType<typeof createOrg>>;
beforeAll(async () => {
  org = await createOrg();
});

describe('POST /policy/evaluate', () => {
  it('answers the reference example: a tier-1 first order of $500 steps up with high_value_first_order', async () => {
    const actor = await userWith(org.apiKey, 12, 20);
    const { data, response } = await mirClient(org.apiKey).evaluatePolicy({
      body: { actor_id: actor, action: 'checkout.complete', context: { amount_usd: 500, is_first_order: true } },
    });
    expect(response?.status).toBe(200);
    expect(data).toEqual({
      decision: 'step_up',
      reasons: ['high_value_first_order'],
      actor_tier: 1,
      action_config: expect.objectContaining({
        action: 'checkout.complete',
        required_tier: 1,
        fail_behavior: 'step_up',
      }),
      decision_id: expect.stringMatching(/^dec_/),
    });
    const small = await evaluate(org.apiKey, {
      actor_id: actor,
      action: 'checkout.complete',
      context: { amount_usd: 20 },
    });
    expect(small.body).toMatchObject({ decision: 'allow', reasons: ['tier_met'] });
    expect(JSON.stringify(data)).not.toMatch(/score/i);
  });

  it('moves at the tier-1 boundaries: 9 vs 10 events, 13 vs 14 days', async () => {
    const cases = [
      [await userWith(org.apiKey, 9, 20), 'step_up', 0],
      [await userWith(org.apiKey, 10, 20), 'allow', 1],
      [await userWith(org.apiKey, 10, 13), 'step_up', 0],
      [await userWith(org.apiKey, 10, 14), 'allow', 1],
    ] as const;
    for (const [actor, decision, tier] of cases) {
      const res = await evaluate(org.apiKey, { actor: { id: actor, type: 'human' }, action: 'review.post' });
      expect([res.body.decision, res.body.actor_tier]).toEqual([decision, tier]);
    }
  });

  it('applies each default action’s fail behaviour below its tier', async () => {
    const newcomer = uniqueUserId();
    const decisions: Record<string, string> = {};
    for (const action of ['checkout.complete', 'payout.request', 'data.export_pii', 'message.send', 'review.post']) {
      decisions[action] = (await evaluate(org.apiKey, { actor_id: newcomer, action })).body.decision;
    }
    expect(decisions).toEqual({
      'checkout.complete': 'step_up',
      'payout.request': 'deny',
      'data.export_pii': 'step_up',
      'message.send': 'limit',
      'review.post': 'step_up',
    });
    const limited = await evaluate(org.apiKey, { actor_id: newcomer, action: 'message.send' });
    expect(limited.body).toMatchObject({ reasons: ['no_history'], limits: { max_per_hour: 20 } });
  });

  it('decides agent and service actors by their record: active, suspended, revoked, unknown', async () => {
    const bot = await createAgent(org.apiKey, { ...AI_BOT, agentExternalId: `bot-${uniqueUserId()}` });
    const svc = await createAgent(org.apiKey, { name: 'svc', type: 'SERVICE_ACCOUNT', preset: 'reconciler' });
    const gone = await createAgent(org.apiKey, { name: 'gone', type: 'SERVICE_ACCOUNT', preset: 'reconciler' });
    const paused = await createAgent(org.apiKey, { name: 'paused', type: 'SERVICE_ACCOUNT', preset: 'reconciler' });
    const mir = mirClient(org.apiKey);
    expect((await mir.revokeAgent({ path: { id: gone.id } })).response?.status).toBe(200);
    expect((await mir.suspendAgent({ path: { id: paused.id } })).response?.status).toBe(200);
    const res = await bulk(org.apiKey, [
      { actor: { id: bot.id, type: 'agent' }, action: 'checkout.complete' },
      { actor: { id: bot.agentExternalId, type: 'agent' }, action: 'message.send' },
      { actor: { id: svc.id, type: 'service' }, action: 'checkout.complete' },
      { actor: { id: gone.id, type: 'service' }, action: 'checkout.complete' },
      { actor: { id: paused.id, type: 'service' }, action: 'checkout.complete' },
      { actor: { id: 'agent_nope', type: 'agent' }, action: 'checkout.complete' },
    ]);
    expect(res.body.results.map((r: any) => [r.decision, r.reasons[0]])).toEqual([
      ['step_up', 'actor_type_restricted'],
      ['limit', 'actor_type_restricted'],
      ['allow', 'actor_active'],
      ['deny', 'actor_revoked'],
      ['deny', 'actor_suspended'],
      ['deny', 'actor_unknown'],
    ]);
    expect(res.body.results[1].limits).toEqual({ max_per_hour: 20 });
    expect(res.body.results[0].actor_tier).toBeNull();
  });

  it('adds the debug trace with ?debug=true or x-policy-debug: true, and only then', async () => {
    const actor = await userWith(org.apiKey, 10, 20);
    const body = { actor_id: actor, action: 'checkout.complete', context: { amount_usd: 900, is_first_order: true } };
    for (const opts of [{ debug: 'true' as const }, { headers: { 'x-policy-debug': 'true' } }]) {
      const res = await evaluate(org.apiKey, body, opts);
      expect(res.body.debug.decided_by).toBe('high_value_first_order');
      expect(res.body.debug.steps).toEqual([
        {
          rule: 'tier',
          inputs: { event_count: 10, partner_count: 1, days_since_first_event: 20, actor_tier: 1 },
          threshold: { required_tier: 1 },
          matched: false,
          decision: 'allow',
        },
        expect.objectContaining({
          rule: 'high_value_first_order',
          inputs: { is_first_order: true, amount_usd: 900 },
          matched: true,
          decision: 'step_up',
        }),
      ]);
    }
    expect((await evaluate(org.apiKey, body)).body.debug).toBeUndefined();
    const bulkDebug = await bulk(org.apiKey, [body], { 'x-policy-debug': 'true' });
    expect(bulkDebug.body.results[0].debug.steps).toHaveLength(2);
  });

  it('404 unknown_action, 400 for malformed requests', async () => {
    const unknown = await evaluate(org.apiKey, { actor_id: 'u', action: 'finance.approve_payment' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('unknown_action');
    for (const body of [
      { action: 'review.post' },
      { actor_id: 'u', actor: { id: 'u', type: 'human' }, action: 'review.post' },
      { actor_id: 'u', action: 'Review' },
      { actor_id: 'u', action: 'review.post', context: [] },
      { actor: { id: 'u', type: 'robot' }, action: 'review.post' },
    ]) {
      const res = await evaluate(org.apiKey, body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
  });

  it('needs policy:read', async () => {
    const emitter = await createAgent(org.apiKey, { name: 'e', type: 'SERVICE_ACCOUNT', preset: 'event_emitter' });
    const res = await evaluate(emitter.apiKey, { actor_id: 'u', action: 'review.post' });
    expect(res.status).toBe(403);
    expect(res.body.error.details.missing).toBe('policy:read');
  });

  describePartnerKeySecurity('POST', '/policy/evaluate', { actor_id: 'u', action: 'review.post' });
});

describe('POST /policy/evaluate/bulk', () => {
  it('evaluates each item independently and counts the summary', async () => {
    const established = await userWith(org.apiKey, 10, 20);
    const res = await bulk(org.apiKey, [
      { actor: { id: established, type: 'human' }, action: 'review.post' },
      { actor: { id: uniqueUserId(), type: 'human' }, action: 'payout.request' },
      { actor: { id: 'x', type: 'human' }, action: 'nothing.known' },
      { actor_id: uniqueUserId(), action: 'message.send' },
      { broken: true },
      { actor_id: uniqueUserId(), action: 'data.export_pii' },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.summary).toEqual({ total: 6, allow: 1, deny: 1, step_up: 1, limit: 1, errors: 2 });
    expect(res.body.results.map((r: any) => [r.index, r.status, r.decision ?? r.error.code])).toEqual([
      [0, 'evaluated', 'allow'],
      [1, 'evaluated', 'deny'],
      [2, 'error', 'unknown_action'],
      [3, 'evaluated', 'limit'],
      [4, 'error', 'validation_failed'],
      [5, 'evaluated', 'step_up'],
    ]);
  });

  it('400 above 50 items; an AI_AGENT caller is held to its own cap of 25', async () => {
    const items = (n: number) => Array.from({ length: n }, () => ({ actor_id: 'u', action: 'review.post' }));
    expect((await bulk(org.apiKey, items(51))).status).toBe(400);
    expect((await bulk(org.apiKey, items(50))).body.summary.total).toBe(50);
    const bot = await createAgent(org.apiKey, { ...AI_BOT, preset: undefined, permissions: ['policy:read'] });
    const capped = await bulk(bot.apiKey, items(26), { 'Idempotency-Key': uniqueUserId() });
    expect(capped.status).toBe(400);
    expect(capped.body.error.code).toBe('bulk_limit_exceeded');
    expect((await bulk(bot.apiKey, items(25), { 'Idempotency-Key': uniqueUserId() })).status).toBe(200);
  });

  it('keeps organisations apart: another organisation’s users are newcomers here', async () => {
    const other = await createOrg();
    const theirs = await userWith(other.apiKey, 10, 20);
    expect((await evaluate(other.apiKey, { actor_id: theirs, action: 'review.post' })).body.decision).toBe('allow');
    expect((await evaluate(org.apiKey, { actor_id: theirs, action: 'review.post' })).body).toMatchObject({
      decision: 'step_up',
      actor_tier: 0,
    });
  });
});
