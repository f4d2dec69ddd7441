import type { Request } from 'express';
import type { Agent } from '../../db/queries/agents';
import {
  findAgentByExternalId,
  findAgentByKeyHash,
  findRetiredKey,
  touchAgentLastUsed,
} from '../../db/queries/agent-auth';
import { findSpawnRequestByKeyHash } from '../../db/queries/spawn-requests';
import { findActiveKeyByHash } from '../../db/queries/api-keys';
import { type AncestorScope, type ClampedScope, clampToAncestors } from '../../domain/ancestry';
import { hashSecret, isAgentKey, secretMatchesHash } from '../../domain/keys';
import { ROLE_PERMISSIONS, sortPermissions, type Permission } from '../../domain/permissions';
import type { Role } from '../../domain/roles';
import type { AppDeps } from '../context';
import type { AdminPrincipal, AgentActor, OrgSettings, PartnerPrincipal } from '../../domain/principals';
import { ApiError } from '../../domain/errors';
import { authenticateMember } from './member-auth';
import { sessionCredentialOf } from './user-auth';

const LAST_USED_RESOLUTION_MS = 60_000;

interface AgentLookup {
  agent: Agent;
  /** A kill switch was pulled on this agent or an ancestor (read in the same lookup). */
  killSwitched: boolean;
  ancestors: AncestorScope[];
}

function assertUsable({ agent, killSwitched }: AgentLookup, scope: ClampedScope): void {
  if (killSwitched) throw new ApiError('agent_revoked', 'This agent has been revoked with its ancestors (kill switch)');
  if (agent.status === 'SUSPENDED') throw new ApiError('agent_suspended', 'This agent is suspended');
  if (agent.status === 'REVOKED') throw new ApiError('agent_revoked', 'This agent has been revoked');
  const inactive = scope.inactiveAncestor;
  if (inactive) {
    throw new ApiError(
      'ancestor_inactive',
      `Ancestor ${inactive.id} of this agent is ${inactive.status.toLowerCase()}`,
      {
        ancestorId: inactive.id,
        status: inactive.status,
      },
    );
  }
}

/** lastUsedAt is written at most about once a minute per agent, off the request's critical path. */
function noteUse(agent: Agent, deps: AppDeps): void {
  if (agent.lastUsedAt && Date.now() - agent.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
  touchAgentLastUsed(deps.database.db, agent.id).catch((err: unknown) =>
    deps.logger.warn({ err, agentId: agent.id }, 'could not record lastUsedAt'),
  );
}

/** The agent as it may act now: within its key's role, and within every ancestor as it is now. */
function actorOf(lookup: AgentLookup, authMode: AgentActor['authMode'], keyRole: Role | null): AgentActor {
  const { agent } = lookup;
  const scope = clampToAncestors(
    { permissions: agent.permissions as Permission[], maxBulkItems: agent.maxBulkItems },
    lookup.ancestors,
  );
  assertUsable(lookup, scope);
  const permissions = keyRole
    ? scope.permissions.filter((p) => ROLE_PERMISSIONS[keyRole].includes(p))
    : scope.permissions;
  return {
    id: agent.id,
    type: agent.type,
    authMode,
    permissions: sortPermissions(permissions),
    allowedEventTypes: agent.allowedEventTypes,
    allowedEventPatterns: agent.allowedEventPatterns,
    ancestorEventScopes: scope.ancestorEventScopes,
    rateLimitPerMinute: agent.rateLimitPerMinute,
    ancestorRateLimits: scope.ancestorRateLimits,
    maxBulkItems: scope.maxBulkItems,
    requireIdempotency: agent.requireIdempotency,
  };
}

/** A spawned child's key is issued before approval; until then it matches a request, not an agent. */
async function refuseSpawnedKey(deps: AppDeps, keyHash: string): Promise<void> {
  const request = await findSpawnRequestByKeyHash(deps.database.db, keyHash);
  if (request?.status === 'PENDING_APPROVAL') {
    throw new ApiError('agent_pending_approval', `This agent is waiting for approval (spawn request ${request.id})`);
  }
  if (request) {
    throw new ApiError('unauthorized', `This agent's spawn request ${request.id} is ${request.status.toLowerCase()}`);
  }
}

async function authenticateAgentKey(keyHash: string, deps: AppDeps): Promise<PartnerPrincipal> {
  const db = deps.database.db;
  const row = await findAgentByKeyHash(db, keyHash);
  if (!row) {
    const retired = await findRetiredKey(db, keyHash);
    if (retired) throw new ApiError('unauthorized', 'This agent key was rotated and no longer works');
    await refuseSpawnedKey(deps, keyHash);
    throw new ApiError('unauthorized', 'Invalid or revoked API key');
  }
  const actor = actorOf(row, 'agent_key', null);
  noteUse(row.agent, deps);
  return {
    kind: 'partner',
    organizationId: row.agent.organizationId,
    organizationName: row.organizationName,
    plan: row.plan,
    settings: row.settings as OrgSettings,
    keyId: null,
    role: null,
    agent: actor,
  };
}

/**
 * Partner key alone, agent key, partner key plus x-mir-agent-id (then never more than the agent
 * may do), or, with no x-api-key, a person's session plus X-MIR-Org (member-auth.ts).
 */
export async function authenticatePartner(req: Request, deps: AppDeps): Promise<PartnerPrincipal> {
  const key = req.get('x-api-key');
  if (!key) {
    const session = sessionCredentialOf(req);
    if (session) return authenticateMember(req, deps, session.token, session.via);
    throw new ApiError(
      'unauthorized',
      'Missing API key: send it in the x-api-key header (or a session with X-MIR-Org: org_…)',
    );
  }
  const keyHash = hashSecret(key);
  if (isAgentKey(key)) return authenticateAgentKey(keyHash, deps);
  const row = await deps.authCache.activeKey(keyHash, () => findActiveKeyByHash(deps.database.db, keyHash));
  if (!row) throw new ApiError('unauthorized', 'Invalid or revoked API key');
  const principal: PartnerPrincipal = {
    kind: 'partner',
    organizationId: row.organizationId,
    organizationName: row.organizationName,
    plan: row.plan,
    settings: row.settings as OrgSettings,
    keyId: row.keyId,
    role: row.role,
    agent: null,
  };
  deps.keyUse.note(row.keyId);
  const externalId = req.get('x-mir-agent-id');
  if (externalId === undefined) return principal;
  const agent = await findAgentByExternalId(deps.database.db, row.organizationId, externalId);
  if (!agent) throw new ApiError('unauthorized', 'No agent with this x-mir-agent-id in your organization');
  const { killSwitched, ancestors, ...own } = agent;
  const actor = actorOf({ agent: own, killSwitched, ancestors }, 'partner_key_header', row.role);
  noteUse(own, deps);
  return { ...principal, agent: actor };
}

export function authenticateAdmin(req: Request, deps: AppDeps): AdminPrincipal {
  const header = req.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw new ApiError('unauthorized', 'Missing admin token: send Authorization: Bearer <token>');
  if (!secretMatchesHash(match[1], deps.adminTokenHash)) throw new ApiError('unauthorized', 'Invalid admin token');
  return { kind: 'admin' };
}
