import type { Executor } from '../db/client';
import { historiesOf } from '../db/queries/history';
import { type ActionOverrides, type DecisionRow, agentsForPolicy, orgActionOverrides } from '../db/queries/policy';
import type { NotifiedCache } from '../db/notified-cache';
import { newId } from '../domain/ids';
import { type ActionConfig, type ActionOverride, effectiveAction } from '../domain/policy/actions';
import { type PolicyActor, evaluatePolicy } from '../domain/policy/evaluate';
import type { PartnerPrincipal } from '../api/context';
import type { DecisionRecorder } from './decision-recorder';
import { ApiError } from '../api/errors';
import type { EvaluationInput } from '../api/schemas/policy';

export const presentActionConfig = (action: string, config: ActionConfig) => ({ action, ...config });

/**
 * What a decision carries about its action: the fields that decided it. The rules themselves
 * are in GET /policy/actions/:action; repeating them in each of 50 bulk results only costs bytes.
 */
const decisionActionConfig = (action: string, config: ActionConfig) => ({
  action,
  description: config.description,
  required_tier: config.required_tier,
  fail_behavior: config.fail_behavior,
  ...(config.limits ? { limits: config.limits } : {}),
});

/** The caller's effective actions: defaults merged with its organisation's own. */
export async function effectiveActions(db: Executor, organizationId: string, cache?: NotifiedCache<ActionOverrides>) {
  const load = () => orgActionOverrides(db, organizationId);
  const overrides = (cache ? await cache.get(organizationId, load) : await load())!;
  return (name: string) => effectiveAction(name, overrides.get(name) as ActionOverride | undefined);
}

export const unknownAction = (action: string) =>
  new ApiError('unknown_action', `No action ${action} is configured for your organization`, { action });

export type EvaluationResult = { ok: true; body: Record<string, unknown> } | { ok: false; error: ApiError };

/**
 * Evaluates a batch with a constant number of queries: the organisation's actions, every
 * human actor's aggregates, and every agent actor's record, each read once.
 */
export async function evaluateBatch(
  db: Executor,
  principal: PartnerPrincipal,
  inputs: (EvaluationInput | ApiError)[],
  opts: { debug: boolean; recorder: DecisionRecorder; actions: NotifiedCache<ActionOverrides> },
): Promise<EvaluationResult[]> {
  const valid = inputs.filter((i): i is EvaluationInput => !(i instanceof ApiError));
  const humans = valid.filter((i) => i.actor.type === 'human').map((i) => i.actor.id);
  const machines = valid.filter((i) => i.actor.type !== 'human').map((i) => i.actor.id);
  const [actionOf, histories, agentRecords] = await Promise.all([
    effectiveActions(db, principal.organizationId, opts.actions),
    historiesOf(db, principal.organizationId, humans),
    agentsForPolicy(db, principal.organizationId, machines),
  ]);
  const now = new Date();
  const rows: DecisionRow[] = [];
  const results = inputs.map((input): EvaluationResult => {
    if (input instanceof ApiError) return { ok: false, error: input };
    const config = actionOf(input.action);
    if (!config) return { ok: false, error: unknownAction(input.action) };
    const actor: PolicyActor =
      input.actor.type === 'human'
        ? { type: 'human', id: input.actor.id, history: histories.get(input.actor.id) ?? null }
        : { type: input.actor.type, id: input.actor.id, record: agentRecords.get(input.actor.id) ?? null };
    const { debug, ...evaluation } = evaluatePolicy(config, actor, input.context, now);
    const decisionId = newId('dec');
    rows.push({
      id: decisionId,
      organizationId: principal.organizationId,
      actorId: input.actor.id,
      actorType: input.actor.type,
      action: input.action,
      decision: evaluation.decision,
      reasons: evaluation.reasons,
      actorTier: evaluation.actor_tier,
      limits: evaluation.limits ?? null,
      inputs: { context: input.context, steps: debug.steps.map(({ rule, inputs: read }) => ({ rule, inputs: read })) },
      createdAt: now,
    });
    return {
      ok: true,
      body: {
        ...evaluation,
        action_config: decisionActionConfig(input.action, config),
        decision_id: decisionId,
        ...(opts.debug ? { debug } : {}),
      },
    };
  });
  opts.recorder.record(rows);
  return results;
}
