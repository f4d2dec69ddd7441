import { newId } from '../../domain/ids';
import { AGENT_KEY_PREFIX, issueSecret } from '../../domain/keys';
import { workflowIds } from '../../temporal/client';
import { KEY_SHOWN_ONCE, auditActorOf, presentAgent } from '../present/agents';
import { defineRoute } from '../route';
import { agentIdParams } from '../schemas/agents';
import { pendingSpawnResponse, spawnAgentBody, spawnedAgentResponse } from '../schemas/spawn';
import { authorizeSelfOrManager } from '../../services/spawn-plan';
import { writeSpawn } from '../../services/spawn-write';

export const agentSpawnRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/agents/:id/spawn',
    operationId: 'spawnAgent',
    errors: [
      'agent_not_found',
      'agent_external_id_taken',
      'escalation_denied',
      'forbidden',
      'guardrail_violation',
      'max_depth_exceeded',
      'parent_not_active',
      'spawn_disabled',
      'spawn_quota_exceeded',
    ],
    summary:
      "Spawn a child agent: the parent's own key or an OWNER/ADMIN key; never more than the parent, maybe after approval",
    tags: ['Agent genealogy'],
    auth: 'partner',
    ownTransactions: true,
    access: { plan: 'enterprise' },
    secretFields: ['apiKey'],
    params: agentIdParams,
    body: spawnAgentBody,
    responses: {
      201: { description: 'Spawned (no approval needed); the key is shown only here', schema: spawnedAgentResponse },
      202: { description: 'Waiting for approval; the key is refused until then', schema: pendingSpawnResponse },
    },
    // The approval workflow's start commits with the request (the outbox): 202 whether Temporal is up or not.
    handler: async ({ params, body, deps, principal, requestId }) => {
      authorizeSelfOrManager(principal, params.id);
      const childId = newId('agent');
      const secret = body.generateKey ? issueSecret(AGENT_KEY_PREFIX) : null;
      const key = { keyHash: secret?.hash ?? null, keyPrefix: secret?.displayPrefix ?? null };
      const spawnRequestId = newId('spr');
      const workflowId = workflowIds.spawnApproval(spawnRequestId);
      const ids = { childId, spawnRequestId, workflowId, key, requestId };
      const outcome = await writeSpawn(deps.database, principal, params.id, body, ids, auditActorOf(principal));
      if (outcome.kind === 'spawned') {
        return {
          status: 201,
          body: { ...presentAgent(outcome.agent), apiKey: secret?.plaintext ?? null, message: KEY_SHOWN_ONCE },
        };
      }
      return {
        status: 202,
        body: {
          spawnRequestId,
          status: 'PENDING_APPROVAL' as const,
          apiKey: secret?.plaintext ?? null,
          expiresAt: outcome.expiresAt.toISOString(),
          childAgentId: childId,
          approvalReasons: outcome.approvalReasons,
          workflowId,
        },
      };
    },
  }),
];
