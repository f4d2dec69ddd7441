import fc from 'fast-check';
import { checkAgentConfig, eventTypeAllowed } from '../../src/domain/agents';
import { PRESETS } from '../../src/domain/permissions';
import { agentInputArb, guardrailsAllow } from '../helpers/guardrails';

describe('agent guardrails', () => {
  it('accept a configuration exactly when the guardrails allow it', () => {
    fc.assert(
      fc.property(agentInputArb, (input) => {
        const result = checkAgentConfig(input);
        expect('config' in result).toBe(guardrailsAllow(input));
        if ('config' in result) {
          const ai = input.type === 'AI_AGENT';
          expect(result.config.requireIdempotency).toBe(ai);
          expect(result.config.maxBulkItems).toBe(input.maxBulkItems ?? (ai ? 25 : null));
          const expected = input.preset ? PRESETS[input.preset] : input.permissions!;
          expect([...result.config.permissions].sort()).toEqual([...expected].sort());
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('reports every violation at once', () => {
    const result = checkAgentConfig({ type: 'AI_AGENT', preset: 'admin', maxBulkItems: 50 });
    expect('violations' in result && result.violations.map((v) => v.field).sort()).toEqual([
      'allowedEventTypes',
      'maxBulkItems',
      'preset',
    ]);
  });

  it('matches event types against exact entries and trailing-wildcard patterns, mir. or not', () => {
    const agent = { allowedEventTypes: ['transaction.completed'], allowedEventPatterns: ['review.*'] };
    expect(eventTypeAllowed(agent, 'transaction.completed')).toBe(true);
    expect(eventTypeAllowed(agent, 'mir.transaction.completed')).toBe(true);
    expect(eventTypeAllowed(agent, 'review.posted')).toBe(true);
    expect(eventTypeAllowed(agent, 'reviews.posted')).toBe(false);
    expect(eventTypeAllowed(agent, 'transaction.refunded')).toBe(false);
    expect(eventTypeAllowed({ allowedEventTypes: [], allowedEventPatterns: [] }, 'any.thing')).toBe(true);
  });
});
