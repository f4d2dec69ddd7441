import type { Database, Tx } from '../db/client';
import { type CommitNow, pipelinedTransaction } from '../db/pipelined';
import { isExternalIdConflict } from '../db/queries/agents';
import type { AuditActor } from '../db/queries/audit';
import { externalIdTaken, insertSpawnedAgent } from '../db/queries/spawned-agents';
import {
  type SpawnLimits,
  checkSpawnQuota,
  findSpawnParent,
  needsExclusiveQuota,
  spawnQuotaExcess,
} from '../db/queries/spawn-parent';
import { insertSpawnRequest } from '../db/queries/spawn-requests';
import { subscribedEndpoints } from '../db/queries/webhook-events';
import { DEFAULT_MAX_AGENTS_PER_ORGANIZATION, DEFAULT_MAX_CHILDREN_PER_AGENT } from '../domain/spawn-policy';
import type { PartnerPrincipal } from '../domain/principals';
import { ApiError, agentNotFound } from '../domain/errors';
import { planSpawn } from './spawn-plan';

type Body = Parameters<typeof planSpawn>[1];

export interface SpawnIds {
  childId: string;
  spawnRequestId: string;
  workflowId: string;
  key: { keyHash: string | null; keyPrefix: string | null };
  requestId: string | null;
}

const externalIdConflict = () =>
  new ApiError('agent_external_id_taken', 'Another agent of your organization already has this agentExternalId');

function limitsOf(principal: PartnerPrincipal): SpawnLimits {
  const policy = principal.settings.spawnPolicy;
  return {
    maxChildrenPerAgent: policy?.maxChildrenPerAgent ?? DEFAULT_MAX_CHILDREN_PER_AGENT,
    maxAgentsPerOrganization: policy?.maxAgentsPerOrganization ?? DEFAULT_MAX_AGENTS_PER_ORGANIZATION,
  };
}

function refusal(err: unknown): unknown {
  if (isExternalIdConflict(err)) return externalIdConflict();
  const over = spawnQuotaExcess(err);
  return over ? new ApiError('spawn_quota_exceeded', `Spawn quota reached: ${over.quota} is ${over.limit}`, over) : err;
}

/** The first answer to reject, in the order the statements were sent: the others only echo it. */
async function inOrder(statements: Promise<unknown>[]): Promise<void> {
  for (const settled of await Promise.allSettled(statements)) {
    if (settled.status === 'rejected') throw settled.reason;
  }
}

/**
 * Plans the spawn once, under the parent's row lock (a parent changed meanwhile is judged as it is
 * now), and writes the child or the pending request with the quota counted last. A pending spawn
 * is two round trips: BEGIN with the parent's locking read and the webhook subscriptions; then the
 * request, its audit row and event, its approval workflow's start (the outbox), the quota check
 * and the COMMIT, in one write.
 */
export async function writeSpawn(
  database: Database,
  principal: PartnerPrincipal,
  parentId: string,
  body: Body,
  ids: SpawnIds,
  actor: AuditActor,
) {
  const org = principal.organizationId;
  const limits = limitsOf(principal);
  const spawn = (exclusive: boolean) => async (tx: Tx, commitNow: CommitNow) => {
    const [parent, endpointIds] = await Promise.all([
      findSpawnParent(tx, org, parentId),
      subscribedEndpoints(tx, org, 'agent.spawn.requested'),
    ]);
    if (!parent) throw agentNotFound(parentId);
    const plan = planSpawn(parent, body, principal, ids.childId);
    const { key, requestId } = ids;
    if (plan.approvalReasons.length === 0) {
      const agent = await insertSpawnedAgent(tx, { ...plan.child, ...key }, { actor, requestId });
      await checkSpawnQuota(tx, org, parentId, limits, exclusive);
      return { kind: 'spawned', agent } as const;
    }
    const extId = plan.child.agentExternalId;
    if (extId && (await externalIdTaken(tx, org, extId))) throw externalIdConflict();
    const expiresAt = new Date(Date.now() + plan.timeoutSeconds * 1000);
    // Both the agent and the key that spoke for it are requesters: neither may decide.
    const requestedBy = principal.agent && principal.keyId ? { ...actor, keyId: principal.keyId } : actor;
    const { approvalReasons } = plan;
    const written = inOrder([
      insertSpawnRequest(tx, {
        id: ids.spawnRequestId,
        child: plan.child,
        ...key,
        requestedBy,
        requestId,
        workflowId: ids.workflowId,
        approvalReasons,
        expiresAt,
        endpointIds,
      }),
      checkSpawnQuota(tx, org, parentId, limits, exclusive),
    ]);
    commitNow();
    await written;
    return { kind: 'pending', expiresAt, approvalReasons } as const;
  };
  // Near the organisation's limit the shared count cannot decide: the whole spawn runs again,
  // its first attempt rolled back, under the exclusive lock.
  return pipelinedTransaction(database, spawn(false))
    .catch((err: unknown) => {
      if (needsExclusiveQuota(err)) return pipelinedTransaction(database, spawn(true));
      throw err;
    })
    .catch((err: unknown) => {
      throw refusal(err);
    });
}
