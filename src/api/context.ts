import type { Logger } from 'pino';
import type { Client } from '@temporalio/client';
import type { Config } from '../config';
import type { Mailer } from '../mail/mailer';
import type { AuthCache } from './auth-cache';
import type { NotifiedCache } from '../db/notified-cache';
import type { ActionOverrides } from '../db/queries/policy';
import type { Passwords } from '../services/passwords';
import type { DecisionRecorder } from '../services/decision-recorder';
import type { EventWriter } from '../services/event-writer';
import type { ApiMetrics } from './metrics';
import type { Database } from '../db/client';
import type { AgentType } from '../domain/agents';
import type { AncestorRateLimit, EventScope } from '../domain/ancestry';
import type { SpawnPolicy } from '../domain/genealogy';
import type { Permission } from '../domain/permissions';
import type { Role, Plan } from '../domain/roles';

/** What every route handler may use; built once per process in server.ts. */
export interface AppDeps {
  config: Config;
  database: Database;
  temporal: Client;
  /** OpenTelemetry is on (OTEL_EXPORTER_OTLP_ENDPOINT): every request gets a server span. */
  tracing?: boolean;
  logger: Logger;
  adminTokenHash: string;
  /** Keys the hashes of link codes (see keyedHash); derived from the admin token. */
  linkCodeKey: Buffer;
  /** Encrypts webhook signing secrets at rest (MIR_WEBHOOK_SECRET_KEY, else derived from the admin token). */
  webhookSecretKey: Buffer;
  decisions: DecisionRecorder;
  mailer: Mailer;
  authCache: AuthCache;
  /** Each organisation's own action configuration (policy_actions), kept exact by NOTIFY. */
  actionCache: NotifiedCache<ActionOverrides>;
  events: EventWriter;
  metrics: ApiMetrics;
  /** Every argon2 hash and verification, capped per process. */
  passwords: Passwords;
}

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

/**
 * Who is calling on behalf of an organisation: a partner key (keyId and role), an agent's own
 * key (agent, no key or role), or a partner key acting as one of its agents (all three).
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
