import { findRevocation, startRevocation } from '../../db/queries/revocations';
import type { AccessRule } from '../../domain/authorize';
import { ApiError, agentNotFound } from '../../domain/errors';
import { auditActorOf } from '../present/agents';
import { presentRevocation } from '../present/kill-switch';
import { defineRoute } from '../route';
import { agentIdParams, reasonBody } from '../schemas/agents';
import { operationIdParams } from '../schemas/kill-switch';
import { revocationResponse, revocationStartedResponse } from '../schemas/kill-switch';
import { MANAGE_AGENTS } from './agents';

/** A kill switch must stay in reach of an owner whatever the agent-auth setting. */
export const KILL_SWITCH: AccessRule = { ...MANAGE_AGENTS, exemptFromAgentAuth: true };

export const agentKillSwitchRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/agents/:id/revoke-descendants',
    operationId: 'revokeAgentDescendants',
    errors: ['agent_not_found'],
    summary:
      'Kill switch: the agent and every descendant fail auth from this response on; each revocation is then recorded',
    tags: ['Agent genealogy'],
    auth: 'partner',
    ownTransactions: true,
    access: KILL_SWITCH,
    params: agentIdParams,
    body: reasonBody.optional(),
    responses: { 202: { description: 'In force; the records follow', schema: revocationStartedResponse } },
    // deps.database.db, not `db`: the switch must be committed, for every API process and the
    // workflow, before the 202 leaves, even under an Idempotency-Key. Its workflow's start commits
    // with it (the outbox): 202 whether Temporal is up or not.
    handler: async ({ params, body, deps, principal, requestId }) => {
      const started = await startRevocation(deps.database.db, {
        organizationId: principal.organizationId,
        agentId: params.id,
        reason: body?.reason ?? null,
        actor: auditActorOf(principal),
        requestId,
      });
      if (!started) throw agentNotFound(params.id);
      const { operation } = started;
      const { operationId, status, rootAgentId, total, workflowId } = presentRevocation(operation);
      return { status: 202, body: { operationId, status, rootAgentId, total, workflowId } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/agents/revocations/:operationId',
    operationId: 'getRevocation',
    errors: ['revocation_not_found'],
    summary: 'Progress of a kill switch: how many of its agents are recorded as revoked',
    tags: ['Agent genealogy'],
    auth: 'partner',
    access: KILL_SWITCH,
    params: operationIdParams,
    responses: { 200: { description: 'The operation', schema: revocationResponse } },
    handler: async ({ params, db, principal }) => {
      const op = await findRevocation(db, principal.organizationId, params.operationId);
      if (!op) throw new ApiError('revocation_not_found', `Revocation ${params.operationId} not found`);
      return { status: 200, body: presentRevocation(op) };
    },
  }),
];
