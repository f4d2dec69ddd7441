import type { Executor } from '../db/client';
import { historiesOf } from '../db/queries/history';
import { type ActionOverrides, type DecisionRow, agentsForPolicy, orgActionOverrides } from '../db/queries/policy';
import type { NotifiedCache } from '../db/notified-cache';
import { newId } from '../domain/ids';
import { type ActionConfig, type ActionOverride, effectiveAction } from '../domain/policy/actions';
import { type DebugStep, type Evaluation, type PolicyActor, evaluatePolicy } from '../domain/policy/evaluate';
import type { PartnerPrincipal } from '../domain/principals';
import type { DecisionRecorder } from './decision-recorder';
import type { AccessLogRecorder } from './access-log-recorder';
import type { Access } from '../db/queries/access-log';
import { ApiError } from '../domain/errors';

/** One evaluation as the route's zod schema produces it (actor_id already turned into a human actor). */
export interface EvaluationInput {
  action: string;
  actor: { id: string; type: 'human' | 'agent' | 'service' };
  context: Record<string, unknown>;
}

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

/** A decision as answered; `limits` and `debug` are left out of the JSON when undefined. */
export interface DecisionBody {
  decision: Evaluation['decision'];
  reasons: Evaluation['reasons'];
  actor_tier: Evaluation['actor_tier'];
  limits: Evaluation['limits'];
  action_config: ReturnType<typeof decisionActionConfig>;
  decision_id: string;
  debug: Evaluation['debug'] | undefined;
}

export type EvaluationResult = { ok: true; body: DecisionBody } | { ok: false; error: ApiError };

/** What the decision log keeps of a step: the rule and what it read. */
const loggedStep = ({ rule, inputs }: DebugStep) => ({ rule, inputs });

/**
 * Evaluates a batch with a constant number of queries: the organisation's actions, every
 * human actor's aggregates, and every agent actor's record, each read once.
 */
export async function evaluateBatch(
  db: Executor,
  principal: PartnerPrincipal,
  inputs: (EvaluationInput | ApiError)[],
  opts: {
    debug: boolean;
    recorder: DecisionRecorder;
    accessLog: AccessLogRecorder;
    actions: NotifiedCache<ActionOverrides>;
  },
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
  const accesses: Access[] = [];
  // Per action, once per batch: its configuration and what each decision says about it.
  const actions = new Map<
    string,
    { config: ActionConfig; presented: ReturnType<typeof decisionActionConfig> } | null
  >();
  const actionFor = (name: string) => {
    let found = actions.get(name);
    if (found === undefined) {
      const config = actionOf(name);
      found = config ? { config, presented: decisionActionConfig(name, config) } : null;
      actions.set(name, found);
    }
    return found;
  };
  const results = inputs.map((input): EvaluationResult => {
    if (input instanceof ApiError) return { ok: false, error: input };
    const action = actionFor(input.action);
    if (!action) return { ok: false, error: unknownAction(input.action) };
    const history = input.actor.type === 'human' ? (histories.get(input.actor.id) ?? null) : null;
    const actor: PolicyActor =
      input.actor.type === 'human'
        ? { type: 'human', id: input.actor.id, history }
        : { type: input.actor.type, id: input.actor.id, record: agentRecords.get(input.actor.id) ?? null };
    const evaluation = evaluatePolicy(action.config, actor, input.context, now);
    if (history?.link) {
      const { organizationId } = principal;
      accesses.push({
        link: history.link,
        organizationId,
        operation: 'evaluate',
        action: input.action,
        outcome: evaluation.decision,
      });
    }
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
      inputs: { context: input.context, steps: evaluation.debug.steps.map(loggedStep) },
      createdAt: now,
    });
    // Written out rather than spread: one shape for every answer, and JSON leaves out what is undefined.
    const body: DecisionBody = {
      decision: evaluation.decision,
      reasons: evaluation.reasons,
      actor_tier: evaluation.actor_tier,
      limits: evaluation.limits,
      action_config: action.presented,
      decision_id: decisionId,
      debug: opts.debug ? evaluation.debug : undefined,
    };
    return { ok: true, body };
  });
  // The person's log first: a lookup it refuses (503) leaves no decision behind either.
  opts.accessLog.record(accesses, now);
  opts.recorder.record(rows);
  return results;
}
