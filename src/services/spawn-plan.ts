import { type SpawnChild, childOf } from '../db/queries/spawned-agents';
import type { SpawnParent } from '../db/queries/spawn-parent';
import { checkAgentConfig, DEFAULT_AGENT_RATE_LIMIT_PER_MINUTE } from '../domain/agents';
import { DEFAULT_APPROVAL_TIMEOUT_SECONDS } from '../domain/spawn-policy';
import { newId } from '../domain/ids';
import { type ChildRequest, approvalReasons, inheritFromParent } from '../domain/spawn';
import { type AccessRule, authorize } from '../domain/authorize';
import type { PartnerPrincipal } from '../domain/principals';
import { ApiError } from '../domain/errors';

/** What a caller asks of a child (the route's zod schema produces it). */
export interface SpawnRequestBody extends ChildRequest {
  name: string;
  description?: string | null;
  agentExternalId?: string | null;
  generateKey: boolean;
}

const MANAGE_AGENTS: AccessRule = { plan: 'enterprise', roles: ['OWNER', 'ADMIN'] };

/** The agent itself, by its own key, or an OWNER/ADMIN partner key (acting as no agent, or one with every permission). */
export function authorizeSelfOrManager(principal: PartnerPrincipal, agentId: string): void {
  if (principal.agent?.authMode === 'agent_key') {
    if (principal.agent.id === agentId) return;
    throw new ApiError('forbidden', `An agent key may only do this for its own agent, not ${agentId}`);
  }
  authorize(principal, MANAGE_AGENTS);
}

export interface SpawnPlan {
  child: SpawnChild;
  approvalReasons: string[];
  timeoutSeconds: number;
}

/**
 * Every refusal a spawn can meet, in the order a caller can fix them: policy, parent and
 * ancestors, depth, escalation (every widened field at once), then the usual guardrails.
 */
export function planSpawn(
  parent: SpawnParent,
  body: SpawnRequestBody,
  principal: PartnerPrincipal,
  childId: string = newId('agent'),
): SpawnPlan {
  const policy = principal.settings.spawnPolicy;
  if (!policy?.enabled) {
    throw new ApiError('spawn_disabled', 'Spawning is not enabled: an OWNER sets spawnPolicy in /portal/api/settings');
  }
  if (parent.status !== 'ACTIVE' || parent.blockedBy || parent.killSwitched) {
    throw new ApiError('parent_not_active', `Agent ${parent.id} cannot spawn: it or an ancestor is not ACTIVE`, {
      status: parent.status,
      ...(parent.blockedBy ? { ancestor: parent.blockedBy } : {}),
      ...(parent.killSwitched ? { killSwitch: true } : {}),
    });
  }
  const depth = parent.spawnDepth + 1;
  if (depth > policy.maxDepth) {
    throw new ApiError('max_depth_exceeded', `A child of ${parent.id} would be at depth ${depth}`, {
      depth,
      maxDepth: policy.maxDepth,
    });
  }
  const fallback = principal.settings.agentRateLimitPerMinute ?? DEFAULT_AGENT_RATE_LIMIT_PER_MINUTE;
  const inherited = inheritFromParent(parent, body, fallback);
  if ('widened' in inherited) {
    const fields = [...new Set(inherited.widened.map((w) => w.field))];
    throw new ApiError(
      'escalation_denied',
      `A child cannot exceed its parent: ${fields.join(', ')}`,
      inherited.widened,
    );
  }
  const violations =
    !body.generateKey && !body.agentExternalId
      ? [{ field: 'generateKey', message: 'without a key, set agentExternalId' }]
      : [];
  const checked = checkAgentConfig(inherited.child);
  if ('violations' in checked) violations.push(...checked.violations);
  if (violations.length || 'violations' in checked) {
    throw new ApiError('guardrail_violation', `${violations[0]!.field}: ${violations[0]!.message}`, violations);
  }
  const child = childOf(parent, {
    id: childId,
    name: body.name,
    description: body.description ?? null,
    config: checked.config,
    rateLimitPerMinute: inherited.child.rateLimitPerMinute,
    agentExternalId: body.agentExternalId ?? null,
  });
  return {
    child,
    approvalReasons: approvalReasons(policy, depth, checked.config.permissions),
    timeoutSeconds: policy.approvalTimeoutSeconds ?? DEFAULT_APPROVAL_TIMEOUT_SECONDS,
  };
}
