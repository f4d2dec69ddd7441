import { DEFAULT_ACTIONS, effectiveAction } from '../../src/domain/policy/actions';
import { type PolicyActor, evaluatePolicy } from '../../src/domain/policy/evaluate';

const NOW = new Date('2026-06-01T00:00:00Z');
const DAY = 86_400_000;
const human = (eventCount: number, partnerCount: number, days: number): PolicyActor => ({
  type: 'human',
  id: 'u',
  history: { eventCount, partnerCount, firstEventAt: new Date(NOW.getTime() - days * DAY) },
});
const decide = (action: string, actor: PolicyActor, context: Record<string, unknown> = {}) =>
  evaluatePolicy(DEFAULT_ACTIONS[action]!, actor, context, NOW);

describe('evaluatePolicy: the default table at every tier boundary', () => {
  it.each([
    ['checkout.complete', human(9, 1, 30), 'step_up', 0],
    ['checkout.complete', human(10, 1, 14), 'allow', 1],
    ['checkout.complete', human(10, 1, 13), 'step_up', 0],
    ['review.post', human(10, 1, 14), 'allow', 1],
    ['review.post', human(10, 0, 14), 'step_up', 0],
    ['payout.request', human(50, 2, 30), 'allow', 2],
    ['payout.request', human(50, 1, 30), 'deny', 1],
    ['payout.request', human(49, 2, 30), 'deny', 1],
    ['payout.request', human(50, 2, 29), 'deny', 1],
    ['data.export_pii', human(200, 3, 90), 'allow', 3],
    ['data.export_pii', human(50, 1, 90), 'step_up', 1],
    ['message.send', human(1, 1, 0), 'allow', 0],
  ] as const)('%s for %o → %s at tier %i', (action, actor, decision, tier) => {
    const result = decide(action, actor);
    expect(result.decision).toBe(decision);
    expect(result.actor_tier).toBe(tier);
    expect(result.reasons).toEqual([decision === 'allow' ? 'tier_met' : 'tier_below_required']);
  });

  it('limits an actor without any history on message.send, with the concrete limits', () => {
    const result = decide('message.send', { type: 'human', id: 'new', history: null });
    expect(result).toMatchObject({
      decision: 'limit',
      reasons: ['no_history'],
      limits: { max_per_hour: 20 },
      actor_tier: 0,
    });
  });

  it('steps up a high-value first order of a tier-1 actor, as in the reference example', () => {
    const tier1 = human(12, 1, 20);
    expect(decide('checkout.complete', tier1, { amount_usd: 500, is_first_order: true })).toMatchObject({
      decision: 'step_up',
      reasons: ['high_value_first_order'],
      actor_tier: 1,
    });
    expect(decide('checkout.complete', tier1, { amount_usd: 250, is_first_order: true }).decision).toBe('allow');
    expect(decide('checkout.complete', tier1, { amount_usd: 500, is_first_order: false }).decision).toBe('allow');
    expect(decide('checkout.complete', tier1, { amount_usd: '500', is_first_order: true }).decision).toBe('allow');
  });

  it('keeps the most restrictive outcome and every reason that reached it', () => {
    const result = decide('checkout.complete', human(0, 0, 0), { amount_usd: 900, is_first_order: true });
    expect(result.decision).toBe('step_up');
    expect(result.reasons).toEqual(['tier_below_required', 'high_value_first_order']);
    expect(result.debug.decided_by).toBe('tier, high_value_first_order');
  });

  it('decides agents by their record first, then the action’s rule for their type', () => {
    const agent = (
      status: 'ACTIVE' | 'SUSPENDED' | 'REVOKED',
      type: 'AI_AGENT' | 'SERVICE_ACCOUNT' = 'AI_AGENT',
    ): PolicyActor => ({
      type: 'agent',
      id: 'a',
      record: { status, type },
    });
    expect(decide('checkout.complete', { type: 'agent', id: 'x', record: null })).toMatchObject({
      decision: 'deny',
      reasons: ['actor_unknown'],
    });
    expect(decide('checkout.complete', agent('SUSPENDED'))).toMatchObject({
      decision: 'deny',
      reasons: ['actor_suspended'],
    });
    expect(decide('message.send', agent('REVOKED'))).toMatchObject({
      decision: 'deny',
      reasons: ['actor_revoked'],
      actor_tier: null,
    });
    expect(decide('checkout.complete', agent('ACTIVE'))).toMatchObject({
      decision: 'step_up',
      reasons: ['actor_type_restricted'],
    });
    expect(decide('checkout.complete', agent('ACTIVE', 'SERVICE_ACCOUNT'))).toMatchObject({
      decision: 'allow',
      reasons: ['actor_active'],
    });
    expect(decide('message.send', agent('ACTIVE'))).toMatchObject({ decision: 'limit', limits: { max_per_hour: 20 } });
  });

  it('merges an override field by field, and needs a full config for a custom action', () => {
    expect(effectiveAction('payout.request', { required_tier: 1 })).toMatchObject({
      required_tier: 1,
      fail_behavior: 'deny',
    });
    expect(effectiveAction('credential.rotate', { required_tier: 1 })).toBeNull();
    expect(effectiveAction('nothing.here', undefined)).toBeNull();
  });
});
