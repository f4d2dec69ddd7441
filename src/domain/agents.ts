import { normalizeEventType, parseTypeFilter } from './events';
import { PRESETS, type Permission, type Preset, sortPermissions } from './permissions';

export const AGENT_TYPES = ['AI_AGENT', 'SERVICE_ACCOUNT'] as const;
export type AgentType = (typeof AGENT_TYPES)[number];
export const AGENT_STATUSES = ['ACTIVE', 'SUSPENDED', 'REVOKED'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];
export const MEMBERSHIP_SOURCES = ['CREATED', 'SPAWNED'] as const;

export const AI_AGENT_MAX_BULK_ITEMS = 25;
export const RATE_LIMIT_RANGE = { min: 1, max: 10_000 } as const;

/** What decides an agent's powers; create and every PATCH run the same checks on it. */
export interface AgentConfig {
  type: AgentType;
  preset: Preset | null;
  permissions: Permission[];
  allowedEventTypes: string[];
  allowedEventPatterns: string[];
  maxBulkItems: number | null;
  requireIdempotency: boolean;
}

export interface GuardrailViolation {
  field: string;
  message: string;
}

/** Resolves preset → permissions and applies the AI_AGENT guardrails; every violation is reported, not just the first. */
export function checkAgentConfig(input: {
  type: AgentType;
  preset?: Preset | null;
  permissions?: readonly Permission[] | null;
  allowedEventTypes?: readonly string[];
  allowedEventPatterns?: readonly string[];
  maxBulkItems?: number | null;
}): { config: AgentConfig } | { violations: GuardrailViolation[] } {
  const violations: GuardrailViolation[] = [];
  const preset = input.preset ?? null;
  if (preset && input.permissions) {
    violations.push({ field: 'permissions', message: 'give either a preset or explicit permissions, not both' });
  }
  if (!preset && !input.permissions?.length) {
    violations.push({ field: 'preset', message: 'give a preset or at least one permission' });
  }
  const types = [...new Set((input.allowedEventTypes ?? []).map(normalizeEventType))];
  const patterns = [...new Set((input.allowedEventPatterns ?? []).map(normalizeEventType))];
  const isAi = input.type === 'AI_AGENT';
  if (isAi) {
    if (preset === 'admin') violations.push({ field: 'preset', message: 'the admin preset is blocked for AI_AGENT' });
    if (types.length + patterns.length === 0) {
      violations.push({
        field: 'allowedEventTypes',
        message: 'AI_AGENT needs at least one allowed event type or pattern',
      });
    }
    if (input.maxBulkItems != null && input.maxBulkItems > AI_AGENT_MAX_BULK_ITEMS) {
      violations.push({
        field: 'maxBulkItems',
        message: `AI_AGENT bulk requests are capped at ${AI_AGENT_MAX_BULK_ITEMS}`,
      });
    }
  }
  if (violations.length) return { violations };
  return {
    config: {
      type: input.type,
      preset,
      permissions: sortPermissions(preset ? PRESETS[preset] : (input.permissions ?? [])),
      allowedEventTypes: types,
      allowedEventPatterns: patterns,
      maxBulkItems: input.maxBulkItems ?? (isAi ? AI_AGENT_MAX_BULK_ITEMS : null),
      requireIdempotency: isAi,
    },
  };
}

/**
 * An agent with no allowlist at all (a SERVICE_ACCOUNT may have none) may submit any type;
 * otherwise the type must be listed or fall under a `category.*` pattern.
 */
export function eventTypeAllowed(
  agent: { allowedEventTypes: string[]; allowedEventPatterns: string[] },
  type: string,
): boolean {
  if (agent.allowedEventTypes.length === 0 && agent.allowedEventPatterns.length === 0) return true;
  const normalized = normalizeEventType(type);
  if (agent.allowedEventTypes.includes(normalized)) return true;
  return agent.allowedEventPatterns.some((p) => {
    const filter = parseTypeFilter(p);
    return filter !== null && 'prefix' in filter && normalized.startsWith(filter.prefix);
  });
}

/** Agents without their own rateLimitPerMinute inherit this unless the organisation sets another. */
export const DEFAULT_AGENT_RATE_LIMIT_PER_MINUTE = 600;
