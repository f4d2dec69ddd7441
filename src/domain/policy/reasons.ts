/** The closed set of reasons a decision can give; listed in GET /policy/actions and the OpenAPI document. */
export const REASON_CODES = {
  tier_met: 'The actor meets the tier the action requires',
  tier_below_required: 'The actor is below the tier the action requires',
  no_history: 'The actor has no recorded history; the action constrains actors without history',
  actor_unknown: 'No agent or service account with this id in your organization',
  actor_suspended: 'The agent or service account is suspended',
  actor_revoked: 'The agent or service account is revoked',
  actor_active: 'The agent or service account is active and the action permits its type',
  actor_type_restricted: 'The action restricts this type of actor',
  high_value_first_order: 'A first order above the configured amount',
  high_value_transaction: 'A transaction above the configured amount',
  context_rule_matched: 'An organization-specific context rule matched',
} as const;
export type ReasonCode = keyof typeof REASON_CODES;
export const REASON_CODE_LIST = Object.keys(REASON_CODES) as ReasonCode[];

/** Reasons an operator may attach to a context rule. */
export const RULE_REASONS = ['high_value_first_order', 'high_value_transaction', 'context_rule_matched'] as const;

export const DECISIONS = ['allow', 'deny', 'step_up', 'limit'] as const;
export type Decision = (typeof DECISIONS)[number];

/** When several rules fire, the most restrictive decision stands. */
export const SEVERITY: Record<Decision, number> = { allow: 0, limit: 1, step_up: 2, deny: 3 };
