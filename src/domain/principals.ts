import type { AgentType } from './agents';
import type { AncestorRateLimit, EventScope } from './ancestry';
import type { SpawnPolicy } from './spawn-policy';
import type { Permission } from './permissions';
import type { Role, Plan } from './roles';

/** Who calls: the principals every request is authenticated as, and what authorize() reads. */
export interface OrgSettings {
  enforceAgentAuth?: boolean;
  agentRateLimitPerMinute?: number;
  /** Set by an operator (PATCH /admin/organizations/:id/limits), never by the partner. */
  partnerRateLimitPerMinute?: number;
  linkInviteTtlSeconds?: number;
  /** Origins the link page may send a person to after linking (redirectUrl). */
  linkRedirectOrigins?: string[];
  spawnPolicy?: SpawnPolicy;
}

/** The agent a request acts as, and how it proved it. */
export interface AgentActor {
  id: string;
  type: AgentType;
  authMode: 'agent_key' | 'partner_key_header';
  permissions: Permission[];
  allowedEventTypes: string[];
  allowedEventPatterns: string[];
  /** Each ancestor's allowlist as it is now: a type must pass these too. */
  ancestorEventScopes: EventScope[];
  rateLimitPerMinute: number | null;
  /**
   * Each ancestor, root first, with its own limit (null: the organisation default): the agent's
   * limit is the smallest, and each request counts against every ancestor's window too.
   */
  ancestorRateLimits: AncestorRateLimit[];
  /** The smallest cap of the agent and its ancestors. */
  maxBulkItems: number | null;
  requireIdempotency: boolean;
}

/** A person acting for an organisation with their session: their account and their membership there. */
export interface MemberActor {
  accountId: string;
  memberId: string;
}

/**
 * Who is calling on behalf of an organisation: a partner key (keyId and role), an agent's own
 * key (agent, no key or role), a partner key acting as one of its agents (all three), or a
 * person's session (member, and role their member role): one shape, so authorize() is one path.
 */
export interface PartnerPrincipal {
  kind: 'partner';
  organizationId: string;
  organizationName: string;
  plan: Plan;
  settings: OrgSettings;
  keyId: string | null;
  role: Role | null;
  agent: AgentActor | null;
  /** Set only for a person's session (never with a key or an agent). */
  member?: MemberActor;
}

export interface AdminPrincipal {
  kind: 'admin';
}

/** A person logged in to their MIR account (never a partner). */
export interface UserPrincipal {
  kind: 'user';
  userId: string;
  email: string;
  emailVerified: boolean;
  sessionHash: string;
}

export type Principal = PartnerPrincipal | AdminPrincipal | UserPrincipal;
