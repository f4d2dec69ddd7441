import { z } from 'zod';
import { PRINTABLE } from '../../domain/text';
import { ACTION_NAME } from '../../domain/policy/actions';
import { DECISIONS, REASON_CODE_LIST } from '../../domain/policy/reasons';
import { isoDateParam, pageParams } from './pagination';
import { boundedJson } from './bounded-json';

const CONTEXT_MAX_BYTES = 4096;
const actorId = z.string().min(1).max(256).regex(PRINTABLE, 'must contain printable characters only');

/** Either `actor_id` (a human: your userId) or `actor: { id, type }`, as the reference shows both. */
export const evaluationSchema = z
  .strictObject({
    actor_id: actorId.optional(),
    actor: z.strictObject({ id: actorId, type: z.enum(['human', 'agent', 'service']) }).optional(),
    action: z.string().max(100).regex(ACTION_NAME, 'must be category.action, like checkout.complete'),
    context: boundedJson(CONTEXT_MAX_BYTES, 'Free-form facts about the action').default({}),
  })
  .refine((b) => (b.actor_id === undefined) !== (b.actor === undefined), {
    message: 'give exactly one of actor_id or actor',
    path: ['actor_id'],
  })
  .meta({ oneOf: [{ required: ['actor_id'] }, { required: ['actor'] }] })
  .transform(({ actor_id, actor, ...rest }) => ({
    ...rest,
    actor: actor ?? { id: actor_id!, type: 'human' as const },
  }));
export type EvaluationInput = z.output<typeof evaluationSchema>;

export const bulkEvaluationBody = z.strictObject({ evaluations: z.array(z.unknown()).min(1).max(50) });

export const debugQuery = z.strictObject({ debug: z.enum(['true', 'false']).optional() });

const decisionFields = {
  decision: z.enum(DECISIONS),
  reasons: z.array(z.enum(REASON_CODE_LIST as [string, ...string[]])),
  actor_tier: z.int().min(0).max(3).nullable().describe('Null for agent and service actors'),
  action_config: z.record(z.string(), z.unknown()),
  decision_id: z.string(),
  limits: z.record(z.string(), z.number()).optional(),
  debug: z.unknown().optional(),
};

export const evaluationResponse = z.object(decisionFields);

export const bulkEvaluationResponse = z.object({
  summary: z.object({
    total: z.int(),
    allow: z.int(),
    deny: z.int(),
    step_up: z.int(),
    limit: z.int(),
    errors: z.int(),
  }),
  results: z.array(
    z.object({
      index: z.int(),
      status: z.enum(['evaluated', 'error']),
      ...z.object(decisionFields).partial().shape,
      error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }).optional(),
    }),
  ),
});

export const actionParams = z.strictObject({ action: z.string().max(100) });

export const decisionsQuery = z.strictObject({
  ...pageParams,
  decision: z.enum(DECISIONS).optional(),
  action: z.string().max(100).optional(),
  actor_id: z.string().max(256).optional(),
  from: isoDateParam.optional(),
  to: isoDateParam.optional(),
});
