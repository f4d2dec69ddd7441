import { z } from 'zod';
import { encodeCursor } from '../../domain/cursor';
import { listDecisions, orgActionOverrides } from '../../db/queries/policy';
import { DEFAULT_ACTIONS, type ActionOverride, effectiveAction } from '../../domain/policy/actions';
import { REASON_CODES } from '../../domain/policy/reasons';
import { TIER_REQUIREMENTS } from '../../domain/tiers';
import { presentActionConfig, unknownAction } from '../../services/policy-engine';
import { defineRoute } from '../route';
import { actionParams, decisionsQuery } from '../schemas/policy';

const policyHealth = z.object({
  status: z.literal('ok'),
  service: z.literal('policy'),
  organizationId: z.string(),
  time: z.iso.datetime(),
});

const actionConfigOut = z.record(z.string(), z.unknown());
const actionsResponse = z.object({
  actions: z.array(actionConfigOut),
  reason_codes: z.record(z.string(), z.string()).describe('The closed set of reasons a decision can give'),
  tiers: z.array(z.object({ tier: z.int(), events: z.int(), partners: z.int(), days: z.int() })),
});

const sourceOf = (name: string, overridden: boolean) =>
  DEFAULT_ACTIONS[name] ? (overridden ? 'default_overridden' : 'default') : 'custom';

export const policyRoutes = [
  defineRoute({
    method: 'get',
    path: '/policy/health',
    operationId: 'getPolicyHealth',
    // Any valid key, whatever its permissions: callers use it to check their key and MIR are up.
    summary: 'Policy API health check (requires a valid API key)',
    tags: ['Policy'],
    auth: 'partner',
    responses: { 200: { description: 'Policy API is up and the key is valid', schema: policyHealth } },
    handler: async ({ principal }) => ({
      status: 200,
      body: {
        status: 'ok',
        service: 'policy',
        organizationId: principal.organizationId,
        time: new Date().toISOString(),
      },
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/policy/actions',
    operationId: 'listPolicyActions',
    summary: "Every action configured for your organization (defaults merged with your organization's own)",
    tags: ['Policy'],
    auth: 'partner',
    access: { permission: 'policy:read' },
    responses: { 200: { description: 'Actions, reason codes and the tier table', schema: actionsResponse } },
    handler: async ({ db, principal }) => {
      const overrides = await orgActionOverrides(db, principal.organizationId);
      const names = [...new Set([...Object.keys(DEFAULT_ACTIONS), ...overrides.keys()])].sort();
      const actions = names.flatMap((name) => {
        const config = effectiveAction(name, overrides.get(name) as ActionOverride | undefined);
        return config ? [{ ...presentActionConfig(name, config), source: sourceOf(name, overrides.has(name)) }] : [];
      });
      return { status: 200, body: { actions, reason_codes: REASON_CODES, tiers: [...TIER_REQUIREMENTS].reverse() } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/policy/actions/:action',
    operationId: 'getPolicyAction',
    errors: ['unknown_action'],
    summary: 'The effective configuration of one action',
    tags: ['Policy'],
    auth: 'partner',
    access: { permission: 'policy:read' },
    params: actionParams,
    responses: { 200: { description: 'The action', schema: actionConfigOut } },
    handler: async ({ params, db, principal }) => {
      const overrides = await orgActionOverrides(db, principal.organizationId);
      const config = effectiveAction(params.action, overrides.get(params.action) as ActionOverride | undefined);
      if (!config) throw unknownAction(params.action);
      return {
        status: 200,
        body: {
          ...presentActionConfig(params.action, config),
          source: sourceOf(params.action, overrides.has(params.action)),
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/policy/decisions',
    operationId: 'listPolicyDecisions',
    summary: 'The decision log: every decision with its actor, action, inputs and result, newest first',
    tags: ['Policy'],
    auth: 'partner',
    access: { permission: 'audit:read' },
    query: decisionsQuery,
    responses: { 200: { description: 'One page of decisions' } },
    handler: async ({ query, db, principal }) => {
      const page = await listDecisions(db, principal.organizationId, { ...query, actorId: query.actor_id });
      return {
        status: 200,
        body: {
          decisions: page.rows.map((r) => ({
            decision_id: r.id,
            actor: { id: r.actorId, type: r.actorType },
            action: r.action,
            decision: r.decision,
            reasons: r.reasons,
            actor_tier: r.actorTier,
            ...(r.limits ? { limits: r.limits } : {}),
            inputs: r.inputs,
            created_at: r.createdAt.toISOString(),
          })),
          next_cursor: page.next ? encodeCursor(page.next) : null,
        },
      };
    },
  }),
];
