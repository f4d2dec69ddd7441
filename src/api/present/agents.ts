import type { Agent } from '../../db/queries/agents';
import type { AuditActor } from '../../db/queries/audit';
import type { PartnerPrincipal } from '../../domain/principals';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function authModeOf(agent: Agent) {
  if (agent.keyHash) return 'agent_key' as const;
  return agent.agentExternalId ? ('partner_key_header' as const) : ('none' as const);
}

function core(agent: Agent) {
  return {
    id: agent.id,
    name: agent.name,
    type: agent.type,
    description: agent.description,
    status: agent.status,
    preset: agent.preset,
    permissions: agent.permissions,
    allowedEventTypes: agent.allowedEventTypes,
    allowedEventPatterns: agent.allowedEventPatterns,
    requireIdempotency: agent.requireIdempotency,
    maxBulkItems: agent.maxBulkItems,
    rateLimitPerMinute: agent.rateLimitPerMinute,
    agentExternalId: agent.agentExternalId,
    createdAt: agent.createdAt.toISOString(),
  };
}

export const KEY_SHOWN_ONCE = 'Save this API key now. It cannot be retrieved again.';
export const KEY_ROTATED =
  'New API key generated. Your old key has been invalidated. Save this key now — it cannot be retrieved again.';

export function presentCreatedAgent(agent: Agent, apiKey: string | null) {
  const message = apiKey ? KEY_SHOWN_ONCE : 'No API key generated: authenticate with a partner key and x-mir-agent-id.';
  return { ...core(agent), apiKey, message };
}

export function presentAgent(agent: Agent) {
  return {
    ...core(agent),
    statusReason: agent.statusReason,
    authMode: authModeOf(agent),
    keyPrefix: agent.keyPrefix,
    parentId: agent.parentId,
    rootId: agent.rootId,
    spawnDepth: agent.spawnDepth,
    membershipSource: agent.membershipSource,
    updatedAt: agent.updatedAt.toISOString(),
    lastUsedAt: iso(agent.lastUsedAt),
    suspendedAt: iso(agent.suspendedAt),
    revokedAt: iso(agent.revokedAt),
  };
}

export function presentAgentListItem(agent: Agent) {
  const { id, name, type, status, permissions } = agent;
  return { id, name, type, status, permissions, authMode: authModeOf(agent), lastUsedAt: iso(agent.lastUsedAt) };
}

/** Who an audit entry names: the person (their account) for a session, the agent when one acts, else the key. */
export function auditActorOf(principal: PartnerPrincipal): AuditActor {
  if (principal.member) return { type: 'user', id: principal.member.accountId };
  return principal.agent ? { type: 'agent', id: principal.agent.id } : { type: 'api_key', id: principal.keyId };
}
