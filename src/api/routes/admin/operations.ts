import { z } from 'zod';
import { PRINTABLE, trimmedText } from '../../../domain/text';
import { findRevocationById } from '../../../db/queries/revocations';
import { findSpawnRequestById, listSpawnRequests } from '../../../db/queries/spawn-requests';
import { decidePendingSpawn } from '../../../services/spawn-decisions';
import { ApiError } from '../../../domain/errors';
import { presentAgent } from '../../present/agents';
import { presentSpawnRequest } from '../../present/spawn';
import { presentRevocation } from '../../present/kill-switch';
import { minutesAgo } from '../../openapi-examples';
import { defineRoute } from '../../route';
import {
  decisionResponse,
  listSpawnRequestsQuery,
  spawnRequestIdParams,
  spawnRequestResponse,
} from '../../schemas/spawn';
import { operationIdParams } from '../../schemas/kill-switch';
import { revocationResponse } from '../../schemas/kill-switch';

/**
 * What `npm run mir -- spawn-requests …` and `revocations show` call. The admin token is one
 * shared secret, so it proves only "an operator"; the operator's name is what they say it is
 * (`--as`, else their login name), recorded beside `via: admin_api` in the decision and its audit entry.
 */
const operatorDecisionBody = z.strictObject({
  operator: trimmedText(100)
    .regex(PRINTABLE, 'no control characters')
    .describe('Who decides, as recorded in the audit log (the admin token itself names nobody)'),
  reason: z.string().regex(/\S/, 'must not be blank').max(500).trim().min(1).optional(),
});

const adminSpawnRequest = spawnRequestResponse.extend({ organizationId: z.string() });
const adminRevocation = revocationResponse.extend({ organizationId: z.string() });

/** A request as an operator sees it in the examples below (the integration suite records the others). */
const exampleRequest = {
  id: 'spr_01m97mkt7m0atmer1vg5rvp26m',
  status: 'PENDING_APPROVAL' as const,
  parentAgentId: 'agent_01m97mksrf4f4pkqxk8g4591w8',
  childAgentId: 'agent_01m97mkt7ms5jvevg4vaexe392',
  child: {
    name: 'invoice-reconciler',
    type: 'SERVICE_ACCOUNT' as const,
    permissions: ['events:write', 'events:read'],
    allowedEventTypes: [],
    allowedEventPatterns: [],
    rateLimitPerMinute: null,
    maxBulkItems: null,
    spawnDepth: 1,
  },
  keyPrefix: 'mir_agent_xj4oiP',
  approvalReasons: ['depth 1 >= 1'],
  requestedBy: { id: 'key_01m97mksgr3r17ss1pey99z0mj', type: 'api_key' as const },
  decidedBy: null,
  decisionReason: null,
  workflowId: 'spawn-approval:spr_01m97mkt7m0atmer1vg5rvp26m',
  createdAt: minutesAgo(64),
  expiresAt: minutesAgo(64 - 3 * 24 * 60),
  decidedAt: null,
};
const rejected = {
  ...exampleRequest,
  status: 'REJECTED' as const,
  decidedBy: { id: 'dana', via: 'admin_api', type: 'admin' as const },
  decisionReason: 'Reconciliation runs under the finance team, not this agent',
  decidedAt: minutesAgo(2),
};

const decisionRoute = (decision: 'approve' | 'reject') =>
  defineRoute({
    method: 'post',
    path: `/admin/spawn-requests/:id/${decision}`,
    operationId: `admin${decision === 'approve' ? 'Approve' : 'Reject'}SpawnRequest`,
    summary: `${decision === 'approve' ? 'Approve' : 'Reject'} a pending spawn as an operator (through its approval workflow)`,
    tags: ['Admin'],
    auth: 'admin',
    ownTransactions: true,
    errors: ['spawn_request_not_found', 'invalid_state', 'forbidden', 'worker_unavailable'],
    params: spawnRequestIdParams,
    body: operatorDecisionBody,
    responses: { 200: { description: 'The request after the decision', schema: decisionResponse } },
    // Approval's example is recorded by the integration suite; a rejection there has no agent.
    ...(decision === 'reject' && {
      example: {
        body: { operator: 'dana', reason: rejected.decisionReason },
        response: { spawnRequest: rejected, agent: null },
      },
    }),
    handler: async ({ params, body, deps }) => {
      const pending = await findSpawnRequestById(deps.database.db, params.id);
      if (!pending) throw new ApiError('spawn_request_not_found', `Spawn request ${params.id} not found`);
      const { request, agent } = await decidePendingSpawn(
        deps,
        pending,
        decision,
        { operator: body.operator },
        body.reason,
      );
      return {
        status: 200,
        body: { spawnRequest: presentSpawnRequest(request), agent: agent ? presentAgent(agent) : null },
      };
    },
  });

export const adminOperationRoutes = [
  defineRoute({
    method: 'get',
    path: '/admin/spawn-requests',
    operationId: 'adminListSpawnRequests',
    summary: 'Spawn requests of every organisation (or one), newest first, optionally by status',
    tags: ['Admin'],
    auth: 'admin',
    query: listSpawnRequestsQuery.extend({ organizationId: z.string().min(1).max(64).optional() }),
    responses: {
      200: { description: 'Requests', schema: z.object({ spawnRequests: z.array(adminSpawnRequest) }) },
    },
    example: { response: { spawnRequests: [{ ...exampleRequest, organizationId: 'org_01m97mks9q1bd0c5kx3f8aw4ve' }] } },
    handler: async ({ query, db }) => {
      const rows = await listSpawnRequests(db, query.organizationId ?? null, query);
      return {
        status: 200,
        body: { spawnRequests: rows.map((r) => ({ ...presentSpawnRequest(r), organizationId: r.organizationId })) },
      };
    },
  }),
  decisionRoute('approve'),
  decisionRoute('reject'),
  defineRoute({
    method: 'get',
    path: '/admin/revocations/:operationId',
    operationId: 'adminGetRevocation',
    summary: 'Progress of any kill switch, by its operation id',
    tags: ['Admin'],
    auth: 'admin',
    errors: ['revocation_not_found'],
    params: operationIdParams,
    responses: { 200: { description: 'The operation', schema: adminRevocation } },
    example: {
      response: {
        operationId: 'rvk_01m97n3m8ha8xkwmy2nw31s3pt',
        organizationId: 'org_01m97n1n2w7c4e0gq9d6h8tk5b',
        rootAgentId: 'agent_01m97n1nrbm0qd9swfwssmykah',
        total: 1111,
        revoked: 1111,
        status: 'COMPLETED',
        workflowId: 'revoke-descendants:agent_01m97n1nrbm0qd9swfwssmykah:rvk_01m97n3m8ha8xkwmy2nw31s3pt',
        createdAt: minutesAgo(6),
        completedAt: minutesAgo(5),
      },
    },
    handler: async ({ params, db }) => {
      const op = await findRevocationById(db, params.operationId);
      if (!op) throw new ApiError('revocation_not_found', `Revocation ${params.operationId} not found`);
      return { status: 200, body: { ...presentRevocation(op), organizationId: op.organizationId } };
    },
  }),
];
