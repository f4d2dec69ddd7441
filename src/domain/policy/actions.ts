import { z } from 'zod';
import { RULE_REASONS } from './reasons';

export const ACTION_NAME = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/;
const OUTCOMES = ['deny', 'step_up', 'limit'] as const;

const limitsSchema = z
  .record(z.string().regex(/^[a-z][a-z0-9_]*$/), z.number().nonnegative())
  .describe('e.g. { "max_per_hour": 20 }');

const conditionSchema = z.strictObject({
  field: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
    .describe('A key of the request context'),
  op: z.enum(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in']),
  value: z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))]),
});

/** A context rule operators add as data: every condition must hold for it to fire. */
export const contextRuleSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/)
    .max(64),
  when: z.array(conditionSchema).min(1).max(10),
  decision: z.enum(OUTCOMES),
  reason: z.enum(RULE_REASONS),
  limits: limitsSchema.optional(),
  actor_types: z
    .array(z.enum(['human', 'agent', 'service']))
    .optional()
    .describe('Default: every actor type'),
});
export type ContextRule = z.infer<typeof contextRuleSchema>;

const actorTypeRuleSchema = z.strictObject({
  decision: z.enum(['allow', ...OUTCOMES]),
  limits: limitsSchema.optional(),
});

export const actionConfigSchema = z.strictObject({
  description: z.string().max(500),
  required_tier: z.int().min(0).max(3),
  fail_behavior: z.enum(OUTCOMES),
  limits: limitsSchema.optional().describe('Applied when the decision is limit'),
  agent: actorTypeRuleSchema.describe('Decision for an active AI agent actor'),
  service: actorTypeRuleSchema.describe('Decision for an active service account actor'),
  rules: z.array(contextRuleSchema).max(20),
});
export type ActionConfig = z.infer<typeof actionConfigSchema>;

/** An organisation's override: any subset of the fields; a custom action must give them all. */
export const actionOverrideSchema = actionConfigSchema.partial();
export type ActionOverride = z.infer<typeof actionOverrideSchema>;

export const DEFAULT_HIGH_VALUE_FIRST_ORDER_USD = 250;

/** The Enterprise reference's default table, plus how each treats agents and service accounts. */
export const DEFAULT_ACTIONS: Record<string, ActionConfig> = {
  'checkout.complete': {
    description: 'Complete a purchase',
    required_tier: 1,
    fail_behavior: 'step_up',
    agent: { decision: 'step_up' },
    service: { decision: 'allow' },
    rules: [
      {
        id: 'high_value_first_order',
        when: [
          { field: 'is_first_order', op: 'eq', value: true },
          { field: 'amount_usd', op: 'gt', value: DEFAULT_HIGH_VALUE_FIRST_ORDER_USD },
        ],
        decision: 'step_up',
        reason: 'high_value_first_order',
      },
    ],
  },
  'payout.request': {
    description: 'Request a payout',
    required_tier: 2,
    fail_behavior: 'deny',
    agent: { decision: 'deny' },
    service: { decision: 'step_up' },
    rules: [],
  },
  'data.export_pii': {
    description: 'Export personal data',
    required_tier: 2,
    fail_behavior: 'step_up',
    agent: { decision: 'deny' },
    service: { decision: 'step_up' },
    rules: [],
  },
  'message.send': {
    description: 'Send a message to another user',
    required_tier: 0,
    fail_behavior: 'limit',
    limits: { max_per_hour: 20 },
    agent: { decision: 'limit', limits: { max_per_hour: 20 } },
    service: { decision: 'allow' },
    rules: [],
  },
  'review.post': {
    description: 'Post a review',
    required_tier: 1,
    fail_behavior: 'step_up',
    agent: { decision: 'deny' },
    service: { decision: 'deny' },
    rules: [],
  },
};

/**
 * Field-level merge: an override replaces the fields it names. Null when the action is
 * neither a default nor complete enough (a custom action) to evaluate.
 */
export function effectiveAction(name: string, override: ActionOverride | undefined): ActionConfig | null {
  const base = DEFAULT_ACTIONS[name];
  if (!base) {
    const full = actionConfigSchema.safeParse(override ?? null);
    return full.success ? full.data : null;
  }
  return { ...base, ...(override ?? {}) };
}
