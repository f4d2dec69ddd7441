import { findAgent } from '../../db/queries/agents';
import { findSpawnRequest, listSpawnRequests } from '../../db/queries/spawn-requests';
import {
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { decideSpawn } from '../../temporal/client';
import type { SpawnDecisionRequest } from '../../workflows/messages';
import type { AppDeps } from '../context';
import type { AccessRule } from '../authorize';
import { ApiError } from '../errors';
import { presentAgent } from '../present/agents';
import { presentSpawnRequest } from '../present/genealogy';
import { defineRoute } from '../route';
import { reasonBody } from '../schemas/agents';
import {
  decisionResponse,
  listSpawnRequestsQuery,
  spawnRequestIdParams,
  spawnRequestListResponse,
  spawnRequestResponse,
} from '../schemas/genealogy';
import { MANAGE_AGENTS } from './agents';

/** People decide: a partner key, reachable even under enforceAgentAuth, never acting as an agent. */
const APPROVERS: AccessRule = { ...MANAGE_AGENTS, exemptFromAgentAuth: true };

const notFound = (id: string) => new ApiError('spawn_request_not_found', `Spawn request ${id} not found`);

/** Null when the workflow has ended (decided or expired): the row then says what happened. */
async function decideThroughWorkflow(deps: AppDeps, workflowId: string, request: SpawnDecisionRequest) {
  try {
    return await decideSpawn(deps.temporal, workflowId, request);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError || err instanceof WorkflowUpdateFailedError) return null;
    if (err instanceof ServiceError || err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
      throw new ApiError('worker_unavailable', 'The approval workflow could not be reached; nothing was decided', {
        workflowId,
      });
    }
    throw err;
  }
}

const decisionRoute = (decision: 'approve' | 'reject') =>
  defineRoute({
    method: 'post',
    path: `/v1/agents/spawn-requests/:id/${decision}`,
    summary: `${decision === 'approve' ? 'Approve' : 'Reject'} a pending spawn (OWNER/ADMIN key, never the requester)`,
    tags: ['Agent genealogy'],
    auth: 'partner',
    ownTransactions: true,
    access: APPROVERS,
    params: spawnRequestIdParams,
    body: reasonBody.optional(),
    responses: { 200: { description: 'The request after the decision', schema: decisionResponse } },
    handler: async ({ params, body, deps, principal }) => {
      if (principal.agent)
        throw new ApiError('forbidden', 'Spawns are decided by people with a partner key, not agents');
      const db = deps.database.db;
      const pending = await findSpawnRequest(db, principal.organizationId, params.id);
      if (!pending) throw notFound(params.id);
      // The workflow is the only writer of a decision: it answers once the decision is recorded.
      const outcome = await decideThroughWorkflow(deps, pending.workflowId, {
        decision,
        keyId: principal.keyId,
        ...(body?.reason ? { reason: body.reason } : {}),
      });
      if (outcome?.status === 'invalid_approver') {
        throw new ApiError('forbidden', 'The key that requested this spawn cannot decide it');
      }
      const request = (await findSpawnRequest(db, principal.organizationId, params.id))!;
      const wanted = decision === 'approve' ? 'APPROVED' : 'REJECTED';
      if (!outcome || outcome.alreadyDecided || outcome.status !== wanted) {
        throw new ApiError('invalid_state', `Spawn request ${params.id} is ${request.status}`, {
          status: request.status,
          reason: request.decisionReason,
        });
      }
      const agent = decision === 'approve' ? await findAgent(db, principal.organizationId, request.childAgentId) : null;
      return {
        status: 200,
        body: { spawnRequest: presentSpawnRequest(request), agent: agent ? presentAgent(agent) : null },
      };
    },
  });

export const spawnRequestRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/agents/spawn-requests',
    summary: 'Spawn requests of your organization, newest first, optionally by status',
    tags: ['Agent genealogy'],
    auth: 'partner',
    access: APPROVERS,
    query: listSpawnRequestsQuery,
    responses: { 200: { description: 'Requests', schema: spawnRequestListResponse } },
    handler: async ({ query, db, principal }) => {
      const rows = await listSpawnRequests(db, principal.organizationId, query);
      return { status: 200, body: { spawnRequests: rows.map(presentSpawnRequest) } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/agents/spawn-requests/:id',
    summary: 'One spawn request',
    tags: ['Agent genealogy'],
    auth: 'partner',
    access: APPROVERS,
    params: spawnRequestIdParams,
    responses: { 200: { description: 'The request', schema: spawnRequestResponse } },
    handler: async ({ params, db, principal }) => {
      const request = await findSpawnRequest(db, principal.organizationId, params.id);
      if (!request) throw notFound(params.id);
      return { status: 200, body: presentSpawnRequest(request) };
    },
  }),
  decisionRoute('approve'),
  decisionRoute('reject'),
];
