import { findSpawnRequest, listSpawnRequests } from '../../db/queries/spawn-requests';
import { decidePendingSpawn } from '../../services/spawn-decisions';
import type { AccessRule } from '../../domain/authorize';
import { ApiError } from '../../domain/errors';
import { presentAgent } from '../present/agents';
import { presentSpawnRequest } from '../present/spawn';
import { defineRoute } from '../route';
import { reasonBody } from '../schemas/agents';
import {
  decisionResponse,
  listSpawnRequestsQuery,
  spawnRequestIdParams,
  spawnRequestListResponse,
  spawnRequestResponse,
} from '../schemas/spawn';
import { MANAGE_AGENTS } from './agents';

/** People decide: a partner key or a member's session, reachable even under enforceAgentAuth, never as an agent. */
export const APPROVERS: AccessRule = { ...MANAGE_AGENTS, exemptFromAgentAuth: true };

const notFound = (id: string) => new ApiError('spawn_request_not_found', `Spawn request ${id} not found`);

const decisionRoute = (decision: 'approve' | 'reject') =>
  defineRoute({
    method: 'post',
    path: `/v1/agents/spawn-requests/:id/${decision}`,
    operationId: `${decision}SpawnRequest`,
    errors: ['spawn_request_not_found', 'invalid_state', 'forbidden', 'worker_unavailable'],
    summary: `${decision === 'approve' ? 'Approve' : 'Reject'} a pending spawn (OWNER/ADMIN key or member, never the requester)`,
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
      const pending = await findSpawnRequest(deps.database.db, principal.organizationId, params.id);
      if (!pending) throw notFound(params.id);
      const { request, agent } = await decidePendingSpawn(
        deps,
        pending,
        decision,
        principal.member ? { accountId: principal.member.accountId } : { keyId: principal.keyId },
        body?.reason,
      );
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
    operationId: 'listSpawnRequests',
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
    operationId: 'getSpawnRequest',
    errors: ['spawn_request_not_found'],
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
