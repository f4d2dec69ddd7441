import type { Permission } from './permissions';

/** What an ancestor currently allows, read with the agent at authentication. */
export interface AncestorScope {
  id: string;
  status: string;
  permissions: Permission[];
  allowedEventTypes: string[];
  allowedEventPatterns: string[];
  rateLimitPerMinute: number | null;
  maxBulkItems: number | null;
}

export type AncestorRateLimit = Pick<AncestorScope, 'id' | 'rateLimitPerMinute'>;

export interface EventScope {
  allowedEventTypes: string[];
  allowedEventPatterns: string[];
}

export interface ClampedScope {
  /** The nearest ancestor that is not ACTIVE: the agent may do nothing while it is so. */
  inactiveAncestor: AncestorScope | null;
  permissions: Permission[];
  /** Every ancestor's allowlist: an event type must pass each of them as well as the agent's own. */
  ancestorEventScopes: EventScope[];
  /** Root first. A null limit means "the organisation's default", resolved where the limit is applied. */
  ancestorRateLimits: AncestorRateLimit[];
  maxBulkItems: number | null;
}

const minOf = (values: Array<number | null>): number | null => {
  const set = values.filter((v): v is number => v !== null);
  return set.length === 0 ? null : Math.min(...set);
};

/**
 * An agent is never wider than any of its ancestors as they are now, not as they were when it
 * was spawned: the intersection is taken on every request, so narrowing, suspending or revoking
 * a parent reaches its whole family at once, and reactivating the parent restores it.
 * `ancestors` are ordered root first.
 */
export function clampToAncestors(
  own: { permissions: Permission[]; maxBulkItems: number | null },
  ancestors: AncestorScope[],
): ClampedScope {
  const inactiveAncestor = [...ancestors].reverse().find((a) => a.status !== 'ACTIVE') ?? null;
  const permissions = own.permissions.filter((p) => ancestors.every((a) => a.permissions.includes(p)));
  return {
    inactiveAncestor,
    permissions,
    ancestorEventScopes: ancestors.map(({ allowedEventTypes, allowedEventPatterns }) => ({
      allowedEventTypes,
      allowedEventPatterns,
    })),
    ancestorRateLimits: ancestors.map(({ id, rateLimitPerMinute }) => ({ id, rateLimitPerMinute })),
    maxBulkItems: minOf([own.maxBulkItems, ...ancestors.map((a) => a.maxBulkItems)]),
  };
}
