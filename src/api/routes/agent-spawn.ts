import type { Executor } from '../../db/client';
import { isExternalIdConflict } from '../../db/queries/agents';
import { externalIdTaken, insertSpawnedAgent } from '../../db/queries/genealogy';
import { findSpawnParent, spawnQuotaUse } from '../../db/queries/spawn-parent';
import { pipelinedTransaction } from '../../db/pipelined';
import { DEFAULT_MAX_AGENTS_PER_ORGANIZATION, DEFAULT_MAX_CHILDREN_PER_AGENT } from '../../domain/genealogy';
import { abandonSpawnRequest, insertSpawnRequest } from '../../db/queries/spawn-requests';
import { newId } from '../../domain/ids';
import { AGENT_KEY_PREFIX, issueSecret } from '../../domain/keys';
import { startSpawnApproval, workflowIds } from '../../temporal/client';
import type { PartnerPrincipal } from '../context';
import { ApiError } from '../errors';
import { KEY_SHOWN_ONCE, auditActorOf, presentAgent } from '../present/agents';
import { defineRoute } from '../route';
import { agentIdParams } from '../schemas/agents';
import { pendingSpawnResponse, spawnAgentBody, spawnedAgentResponse } from '../schemas/genealogy';
import { authorizeSelfOrManager, planSpawn } from '../../services/spawn-plan';
import { agentNotFound } from './agents';

type Body = Parameters<typeof planSpawn>[1];

const externalIdConflict = () =>
  new ApiError('agent_external_id_taken', 'Another agent of your organization already has this agentExternalId');

/** Plans again under the parent's row lock, so a parent changed meanwhile is judged as it is now. */
async function lockedPlan(tx: Executor, principal: PartnerPrincipal, parentId: string, body: Body, childId: string) {
  const parent = await findSpawnParent(tx, principal.organizationId, parentId);
  if (!parent) throw agentNotFound(parentId);
  return planSpawn(parent, body, principal, childId);
}

/**
 * The last statements before the commit, counting the row the transaction has just written: the
 * organisation-wide lock it takes is then held for this count and the commit only. Taken before
 * the writes, it held every spawn of the organisation behind another's round trips.
 */
function assertSpawnQuota(use: { children: number; total: number }, principal: PartnerPrincipal) {
  const policy = principal.settings.spawnPolicy;
  const limits = {
    maxChildrenPerAgent: policy?.maxChildrenPerAgent ?? DEFAULT_MAX_CHILDREN_PER_AGENT,
    maxAgentsPerOrganization: policy?.maxAgentsPerOrganization ?? DEFAULT_MAX_AGENTS_PER_ORGANIZATION,
  };
  const { children, total } = use;
  const over =
    children > limits.maxChildrenPerAgent
      ? { quota: 'maxChildrenPerAgent', limit: limits.maxChildrenPerAgent, current: children - 1 }
      : total > limits.maxAgentsPerOrganization
        ? { quota: 'maxAgentsPerOrganization', limit: limits.maxAgentsPerOrganization, current: total - 1 }
        : null;
  if (over) {
    throw new ApiError('spawn_quota_exceeded', `Spawn quota reached: ${over.quota} is ${over.limit}`, over);
  }
}

export const agentSpawnRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/agents/:id/spawn',
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
    handler: async ({ params, body, deps, principal, requestId, log }) => {
      authorizeSelfOrManager(principal, params.id);
      const childId = newId('agent');
      const secret = body.generateKey ? issueSecret(AGENT_KEY_PREFIX) : null;
      const key = { keyHash: secret?.hash ?? null, keyPrefix: secret?.displayPrefix ?? null };
      const actor = auditActorOf(principal);
      const spawnRequestId = newId('spr');
      const workflowId = workflowIds.spawnApproval(spawnRequestId);
      // Planned once, under the parent's row lock; committed on its own before any workflow starts,
      // so the workflow's activities see the request. Three round trips for a pending spawn: BEGIN
      // with the parent, the writes with the quota count, the commit.
      const outcome = await pipelinedTransaction(deps.database, async (tx) => {
        const plan = await lockedPlan(tx, principal, params.id, body, childId);
        if (plan.approvalReasons.length === 0) {
          const agent = await insertSpawnedAgent(tx, { ...plan.child, ...key }, { actor, requestId });
          assertSpawnQuota(await spawnQuotaUse(tx, principal.organizationId, params.id), principal);
          return { kind: 'spawned', agent } as const;
        }
        const extId = plan.child.agentExternalId;
        if (extId && (await externalIdTaken(tx, principal.organizationId, extId))) throw externalIdConflict();
        const expiresAt = new Date(Date.now() + plan.timeoutSeconds * 1000);
        // Both the agent and the key that spoke for it are requesters: neither may decide.
        const requestedBy = principal.agent && principal.keyId ? { ...actor, keyId: principal.keyId } : actor;
        const values = { id: spawnRequestId, child: plan.child, ...key, requestedBy, requestId, workflowId };
        const { approvalReasons, timeoutSeconds } = plan;
        // Sent together; a failed write is the error to report, not the count it aborted.
        const [written, use] = await Promise.allSettled([
          insertSpawnRequest(tx, { ...values, approvalReasons, expiresAt }),
          spawnQuotaUse(tx, principal.organizationId, params.id),
        ]);
        if (written.status === 'rejected') throw written.reason;
        if (use.status === 'rejected') throw use.reason;
        assertSpawnQuota(use.value, principal);
        return { kind: 'pending', expiresAt, approvalReasons, timeoutSeconds } as const;
      }).catch((err: unknown) => {
        throw isExternalIdConflict(err) ? externalIdConflict() : err;
      });
      if (outcome.kind === 'spawned') {
        return {
          status: 201,
          body: { ...presentAgent(outcome.agent), apiKey: secret?.plaintext ?? null, message: KEY_SHOWN_ONCE },
        };
      }
      const request = outcome;
      try {
        await startSpawnApproval(deps.temporal, deps.config.TEMPORAL_TASK_QUEUE, {
          spawnRequestId,
          organizationId: principal.organizationId,
          parentAgentId: params.id,
          childAgentId: childId,
          timeoutSeconds: request.timeoutSeconds,
        });
      } catch (err) {
        log.warn({ err, workflowId }, 'spawn approval workflow did not start; request closed');
        await abandonSpawnRequest(deps.database.db, spawnRequestId, 'the approval workflow could not be started');
        throw new ApiError('worker_unavailable', 'Could not start the approval workflow; nothing was spawned', {
          workflowId,
        });
      }
      return {
        status: 202,
        body: {
          spawnRequestId,
          status: 'PENDING_APPROVAL' as const,
          apiKey: secret?.plaintext ?? null,
          expiresAt: request.expiresAt.toISOString(),
          childAgentId: childId,
          approvalReasons: request.approvalReasons,
          workflowId,
        },
      };
    },
  }),
];
