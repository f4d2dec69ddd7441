import type { Request } from 'express';
import type { ApiError } from '../../domain/errors';
import { evaluateBatch } from '../../services/policy-engine';
import { assertBulkCap } from '../bulk';
import { defineRoute } from '../route';
import { validationError } from '../pipeline';
import {
  bulkEvaluationBody,
  bulkEvaluationResponse,
  debugQuery,
  evaluationResponse,
  evaluationSchema,
} from '../schemas/policy';
import { EXAMPLE_USER } from '../openapi-examples';

const POLICY_ACCESS = { permission: 'policy:read' } as const;

const wantsDebug = (req: Request, query: { debug?: string }) =>
  query.debug === 'true' || req.get('x-policy-debug')?.toLowerCase() === 'true';

export const policyEvaluateRoutes = [
  defineRoute({
    method: 'post',
    path: '/policy/evaluate',
    operationId: 'evaluatePolicy',
    summary: 'Decide whether an actor may perform an action: allow, deny, step_up or limit, with reasons',
    description:
      'Give the actor as `actor_id` (your user id) or `actor` ({ id, type }), the action (`checkout.complete`, or one your organisation configured) and free-form `context`. Every decision is logged (GET /policy/decisions); an unknown action is 404 `unknown_action`.',
    tags: ['Policy'],
    auth: 'partner',
    access: POLICY_ACCESS,
    query: debugQuery,
    body: evaluationSchema,
    example: {
      body: { actor_id: EXAMPLE_USER, action: 'checkout.complete', context: { amountCents: 4200, currency: 'EUR' } },
    },
    errors: ['unknown_action'],
    responses: { 200: { description: 'The decision', schema: evaluationResponse } },
    handler: async ({ body, query, req, db, principal, deps }) => {
      const [result] = await evaluateBatch(db, principal, [body], {
        debug: wantsDebug(req, query),
        recorder: deps.decisions,
        accessLog: deps.accessLog,
        actions: deps.actionCache,
      });
      if (!result!.ok) throw result!.error;
      return { status: 200, body: result!.body };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/policy/evaluate/bulk',
    operationId: 'evaluatePolicyBulk',
    errors: ['bulk_limit_exceeded'],
    summary: 'Up to 50 independent evaluations; a failing item never fails the batch',
    tags: ['Policy'],
    auth: 'partner',
    access: POLICY_ACCESS,
    query: debugQuery,
    body: bulkEvaluationBody,
    example: {
      body: {
        evaluations: [
          { actor_id: EXAMPLE_USER, action: 'checkout.complete', context: { amountCents: 4200 } },
          { actor_id: 'user_1077', action: 'review.post' },
        ],
      },
    },
    responses: { 200: { description: 'Per-item decisions and a summary', schema: bulkEvaluationResponse } },
    handler: async ({ body, query, req, db, principal, deps }) => {
      assertBulkCap(principal, body.evaluations.length);
      const inputs = body.evaluations.map((item, index) => {
        const parsed = evaluationSchema.safeParse(item);
        return parsed.success ? parsed.data : validationError(parsed.error, `evaluations[${index}]`);
      });
      const outcomes = await evaluateBatch(db, principal, inputs, {
        debug: wantsDebug(req, query),
        recorder: deps.decisions,
        accessLog: deps.accessLog,
        actions: deps.actionCache,
      });
      const summary = { total: outcomes.length, allow: 0, deny: 0, step_up: 0, limit: 0, errors: 0 };
      const results = outcomes.map((outcome, index) => {
        if (!outcome.ok) {
          summary.errors += 1;
          const { code, message, details } = outcome.error as ApiError;
          return { index, status: 'error', error: { code, message, ...(details === undefined ? {} : { details }) } };
        }
        summary[outcome.body.decision] += 1;
        return Object.assign({ index, status: 'evaluated' }, outcome.body);
      });
      return { status: 200, body: { summary, results } };
    },
  }),
];
