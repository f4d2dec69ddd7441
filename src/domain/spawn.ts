import { type AgentType, type checkAgentConfig, eventTypeAllowed } from './agents';
import { normalizeEventType } from './events';
import type { SpawnPolicy } from './spawn-policy';
import { PRESETS, type Permission, type Preset, sortPermissions } from './permissions';

/** The parent's powers a child is measured against. */
export interface ParentPowers {
  type: AgentType;
  preset: Preset | null;
  permissions: Permission[];
  allowedEventTypes: string[];
  allowedEventPatterns: string[];
  rateLimitPerMinute: number | null;
  maxBulkItems: number | null;
}

/** A spawn body's power fields; an omitted (undefined) field inherits the parent's. */
export interface ChildRequest {
  type?: AgentType;
  preset?: Preset;
  permissions?: Permission[];
  allowedEventTypes?: string[];
  allowedEventPatterns?: string[];
  rateLimitPerMinute?: number | null;
  maxBulkItems?: number | null;
}

export interface Widening {
  field: string;
  message: string;
  parent: unknown;
  requested: unknown;
}

export type InheritedChild = Parameters<typeof checkAgentConfig>[0] & { rateLimitPerMinute: number | null };

/** Checks a numeric cap where null means "no cap of the agent's own" (wider than any number). */
function capWidening(parent: number | null, child: number | null, parentFallback: number | null): string | null {
  const limit = parent ?? parentFallback;
  if (limit === null) return null;
  if (child === null && parent !== null) return `null removes the parent's cap of ${parent}`;
  if (child !== null && child > limit) return `${child} is above the parent's ${limit}`;
  return null;
}

/**
 * Fills omitted fields from the parent and lists every field that would give the child more
 * than its parent: permissions, event types and patterns (`review.*` covers `review.posted`,
 * never the other way round), rate limit, bulk cap, and the AI_AGENT type (whose guardrails
 * its descendants keep). `parentRateLimit` is what a parent without its own limit gets.
 */
export function inheritFromParent(
  parent: ParentPowers,
  req: ChildRequest,
  parentRateLimit: number,
): { child: InheritedChild } | { widened: Widening[] } {
  const widened: Widening[] = [];
  const widen = (field: string, message: string, parentValue: unknown, requested: unknown) =>
    widened.push({ field, message, parent: parentValue, requested });

  const type = req.type ?? parent.type;
  if (parent.type === 'AI_AGENT' && type !== 'AI_AGENT') {
    widen('type', 'children of an AI_AGENT stay AI_AGENT and keep its guardrails', parent.type, type);
  }

  const inherit = req.preset === undefined && req.permissions === undefined;
  const preset = inherit ? parent.preset : (req.preset ?? null);
  const permissions = inherit ? (parent.preset ? null : parent.permissions) : (req.permissions ?? null);
  const requestedPerms = sortPermissions([...(preset ? PRESETS[preset] : []), ...(permissions ?? [])]);
  const extra = requestedPerms.filter((p) => !parent.permissions.includes(p));
  if (extra.length) widen('permissions', `not held by the parent: ${extra.join(', ')}`, parent.permissions, extra);

  const types = (req.allowedEventTypes ?? parent.allowedEventTypes).map(normalizeEventType);
  const patterns = (req.allowedEventPatterns ?? parent.allowedEventPatterns).map(normalizeEventType);
  const parentAllowsAll = parent.allowedEventTypes.length + parent.allowedEventPatterns.length === 0;
  if (!parentAllowsAll) {
    if (types.length + patterns.length === 0) {
      widen('allowedEventTypes', 'an empty allowlist allows every event type', parent.allowedEventTypes, []);
    }
    const wideTypes = types.filter((t) => !eventTypeAllowed(parent, t));
    if (wideTypes.length) {
      widen(
        'allowedEventTypes',
        `not allowed to the parent: ${wideTypes.join(', ')}`,
        parent.allowedEventTypes,
        wideTypes,
      );
    }
    const widePatterns = patterns.filter((p) => !parent.allowedEventPatterns.map(normalizeEventType).includes(p));
    if (widePatterns.length) {
      widen(
        'allowedEventPatterns',
        `broader than the parent's: ${widePatterns.join(', ')}`,
        parent.allowedEventPatterns,
        widePatterns,
      );
    }
  }

  const rateLimitPerMinute = req.rateLimitPerMinute === undefined ? parent.rateLimitPerMinute : req.rateLimitPerMinute;
  const rate = capWidening(parent.rateLimitPerMinute, rateLimitPerMinute, parentRateLimit);
  if (rate) widen('rateLimitPerMinute', rate, parent.rateLimitPerMinute ?? parentRateLimit, rateLimitPerMinute);

  const maxBulkItems = req.maxBulkItems === undefined ? parent.maxBulkItems : req.maxBulkItems;
  const bulk = capWidening(parent.maxBulkItems, maxBulkItems, null);
  if (bulk) widen('maxBulkItems', bulk, parent.maxBulkItems, maxBulkItems);

  if (widened.length) return { widened };
  return {
    child: {
      type,
      preset,
      permissions,
      allowedEventTypes: types,
      allowedEventPatterns: patterns,
      maxBulkItems,
      rateLimitPerMinute,
    },
  };
}

/** Why a spawn at `depth` with these permissions needs a human; empty when it does not. */
export function approvalReasons(policy: SpawnPolicy, depth: number, permissions: readonly string[]): string[] {
  const reasons: string[] = [];
  if (policy.requireApprovalFromDepth !== undefined && depth >= policy.requireApprovalFromDepth) {
    reasons.push(`depth ${depth} >= ${policy.requireApprovalFromDepth}`);
  }
  const gated = permissions.filter((p) => policy.requireApprovalForPermissions?.includes(p));
  if (gated.length) reasons.push(`permissions ${gated.join(', ')}`);
  return reasons;
}
