import type { AgentStatus, AgentType } from '../agents';
import { type HistoryStats, type Tier, daysSince, tierFor } from '../tiers';
import type { ActionConfig, ContextRule } from './actions';
import { type Decision, type ReasonCode, SEVERITY } from './reasons';

export type ActorType = 'human' | 'agent' | 'service';
type Limits = Record<string, number>;

export type PolicyActor =
  | { type: 'human'; id: string; history: HistoryStats | null }
  | { type: 'agent' | 'service'; id: string; record: { status: AgentStatus; type: AgentType } | null };

export interface DebugStep {
  rule: string;
  inputs: Record<string, unknown>;
  threshold?: unknown;
  matched: boolean;
  decision?: Decision;
}

export interface Evaluation {
  decision: Decision;
  reasons: ReasonCode[];
  actor_tier: Tier | null;
  limits?: Limits;
  debug: { steps: DebugStep[]; decided_by: string };
}

interface Outcome {
  rule: string;
  decision: Decision;
  reason: ReasonCode;
  limits?: Limits;
}

function conditionHolds(value: unknown, op: string, expected: unknown): boolean {
  if (value === undefined) return false;
  if (op === 'eq') return value === expected;
  if (op === 'neq') return value !== expected;
  if (op === 'in') return Array.isArray(expected) && (expected as unknown[]).includes(value);
  if (typeof value !== 'number' || typeof expected !== 'number') return false;
  return op === 'gt'
    ? value > expected
    : op === 'gte'
      ? value >= expected
      : op === 'lt'
        ? value < expected
        : value <= expected;
}

function contextOutcomes(
  rules: ContextRule[],
  actorType: ActorType,
  context: Record<string, unknown>,
  steps: DebugStep[],
): Outcome[] {
  const outcomes: Outcome[] = [];
  for (const rule of rules) {
    if (rule.actor_types && !rule.actor_types.includes(actorType)) continue;
    const inputs = Object.fromEntries(rule.when.map((c) => [c.field, context[c.field] ?? null]));
    const matched = rule.when.every((c) => conditionHolds(context[c.field], c.op, c.value));
    steps.push({
      rule: rule.id,
      inputs,
      threshold: rule.when,
      matched,
      ...(matched ? { decision: rule.decision } : {}),
    });
    if (matched) outcomes.push({ rule: rule.id, decision: rule.decision, reason: rule.reason, limits: rule.limits });
  }
  return outcomes;
}

function humanOutcome(config: ActionConfig, history: HistoryStats | null, now: Date, steps: DebugStep[]) {
  const tier = history ? tierFor(history, now) : 0;
  const inputs = {
    event_count: history?.eventCount ?? 0,
    partner_count: history?.partnerCount ?? 0,
    days_since_first_event: daysSince(history?.firstEventAt ?? null, now),
    actor_tier: tier,
  };
  const below = tier < config.required_tier;
  const noHistory = !below && config.required_tier === 0 && (history?.eventCount ?? 0) === 0;
  const failed = below || noHistory;
  const outcome: Outcome = failed
    ? {
        rule: 'tier',
        decision: config.fail_behavior,
        reason: below ? 'tier_below_required' : 'no_history',
        limits: config.limits,
      }
    : { rule: 'tier', decision: 'allow', reason: 'tier_met' };
  steps.push({
    rule: 'tier',
    inputs,
    threshold: { required_tier: config.required_tier },
    matched: failed,
    decision: outcome.decision,
  });
  return { tier: tier as Tier, outcome };
}

function actorOutcome(
  config: ActionConfig,
  actor: Extract<PolicyActor, { type: 'agent' | 'service' }>,
  steps: DebugStep[],
) {
  const record = actor.record;
  const inputs = { actor_id: actor.id, status: record?.status ?? null, agent_type: record?.type ?? null };
  const stop = (reason: ReasonCode): Outcome => ({ rule: 'actor_status', decision: 'deny', reason });
  let outcome: Outcome;
  if (!record) outcome = stop('actor_unknown');
  else if (record.status === 'SUSPENDED') outcome = stop('actor_suspended');
  else if (record.status === 'REVOKED') outcome = stop('actor_revoked');
  else {
    const rule = config[record.type === 'AI_AGENT' ? 'agent' : 'service'];
    outcome = {
      rule: 'actor_type',
      decision: rule.decision,
      reason: rule.decision === 'allow' ? 'actor_active' : 'actor_type_restricted',
      limits: rule.limits ?? config.limits,
    };
  }
  steps.push({ rule: outcome.rule, inputs, matched: outcome.decision !== 'allow', decision: outcome.decision });
  return { outcome, final: outcome.rule === 'actor_status' };
}

function mergeLimits(outcomes: Outcome[]): Limits | undefined {
  const merged: Limits = {};
  for (const o of outcomes)
    for (const [k, v] of Object.entries(o.limits ?? {})) merged[k] = Math.min(merged[k] ?? v, v);
  return Object.keys(merged).length ? merged : undefined;
}

/** Actor first, then tier (humans) or actor-type rule (agents), then context rules; the most restrictive stands. */
export function evaluatePolicy(
  config: ActionConfig,
  actor: PolicyActor,
  context: Record<string, unknown>,
  now: Date,
): Evaluation {
  const steps: DebugStep[] = [];
  const outcomes: Outcome[] = [];
  let tier: Tier | null = null;
  if (actor.type === 'human') {
    const human = humanOutcome(config, actor.history, now, steps);
    tier = human.tier;
    outcomes.push(human.outcome);
  } else {
    const checked = actorOutcome(config, actor, steps);
    outcomes.push(checked.outcome);
    if (checked.final) return finish(outcomes, tier, steps);
  }
  outcomes.push(...contextOutcomes(config.rules, actor.type, context, steps));
  return finish(outcomes, tier, steps);
}

function finish(outcomes: Outcome[], tier: Tier | null, steps: DebugStep[]): Evaluation {
  const worst = Math.max(...outcomes.map((o) => SEVERITY[o.decision]));
  const deciding = outcomes.filter((o) => SEVERITY[o.decision] === worst);
  const decision = deciding[0]!.decision;
  const limits = decision === 'limit' ? mergeLimits(deciding) : undefined;
  return {
    decision,
    reasons: [...new Set(deciding.map((o) => o.reason))],
    actor_tier: tier,
    ...(limits ? { limits } : {}),
    debug: { steps, decided_by: deciding.map((o) => o.rule).join(', ') },
  };
}
