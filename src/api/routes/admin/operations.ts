import { z } from 'zod';
import { PRINTABLE, trimmedText } from '../../../domain/text';
import { findRevocationById } from '../../../db/queries/revocations';
import { findSpawnRequestById, listSpawnRequests } from '../../../db/queries/spawn-requests';
import { decidePendingSpawn } from '../../../services/spawn-decisions';
import { ApiError } from '../../../domain/errors';
import { presentAgent } from '../../present/agents';
import { presentSpawnRequest } from '../../present/spawn';
import { presentRevocation } from '../../present/kill-switch';
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
    handler: async ({ params, db }) => {
      const op = await findRevocationById(db, params.operationId);
      if (!op) throw new ApiError('revocation_not_found', `Revocation ${params.operationId} not found`);
      return { status: 200, body: { ...presentRevocation(op), organizationId: op.organizationId } };
    },
  }),
];
