import fc from 'fast-check';
import { PERMISSIONS, PRESET_NAMES } from '../../src/domain/permissions';

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

export const agentInputArb = fc.record({
  type: fc.constantFrom('AI_AGENT' as const, 'SERVICE_ACCOUNT' as const),
  preset: optional(fc.constantFrom(...PRESET_NAMES)),
  permissions: optional(fc.uniqueArray(fc.constantFrom(...PERMISSIONS), { minLength: 1 })),
  allowedEventTypes: optional(
    fc.uniqueArray(fc.constantFrom('review.posted', 'transaction.completed'), { maxLength: 2 }),
  ),
  allowedEventPatterns: optional(fc.uniqueArray(fc.constantFrom('review.*', 'listing.*'), { maxLength: 2 })),
  maxBulkItems: optional(fc.integer({ min: 1, max: 100 })),
});
export type AgentInput = typeof agentInputArb extends fc.Arbitrary<infer T> ? T : never;

/** The guardrails as the enterprise reference states them, written independently of checkAgentConfig. */
export function guardrailsAllow(input: AgentInput): boolean {
  const hasPreset = input.preset !== undefined;
  const hasPermissions = (input.permissions?.length ?? 0) > 0;
  if (hasPreset === hasPermissions) return false;
  if (input.type !== 'AI_AGENT') return true;
  const allowlisted = (input.allowedEventTypes?.length ?? 0) + (input.allowedEventPatterns?.length ?? 0) > 0;
  return input.preset !== 'admin' && allowlisted && (input.maxBulkItems ?? 0) <= 25;
}
