import fc from 'fast-check';
import { PERMISSIONS } from '../../src/domain/permissions';

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const TYPES = ['review.posted', 'review.edited', 'transaction.completed', 'account.verified'];
const PATTERNS = ['review.*', 'transaction.*'];
/** What an agent without its own limit gets when the organisation sets none. */
export const DEFAULT_RATE = 600;

export const parentArb = fc
  .record({
    type: fc.constantFrom('AI_AGENT' as const, 'SERVICE_ACCOUNT' as const),
    permissions: fc.uniqueArray(fc.constantFrom(...PERMISSIONS), { minLength: 1 }),
    allowedEventTypes: fc.uniqueArray(fc.constantFrom(...TYPES), { maxLength: 3 }),
    allowedEventPatterns: fc.uniqueArray(fc.constantFrom(...PATTERNS), { maxLength: 2 }),
    rateLimitPerMinute: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: null }),
    maxBulkItems: fc.option(fc.integer({ min: 1, max: 25 }), { nil: null }),
  })
  .filter((p) => p.type !== 'AI_AGENT' || p.allowedEventTypes.length + p.allowedEventPatterns.length > 0);
export type Parent = typeof parentArb extends fc.Arbitrary<infer T> ? T : never;

export const childArb = fc.record({
  type: optional(fc.constantFrom('AI_AGENT' as const, 'SERVICE_ACCOUNT' as const)),
  permissions: optional(fc.uniqueArray(fc.constantFrom(...PERMISSIONS), { minLength: 1 })),
  allowedEventTypes: optional(fc.uniqueArray(fc.constantFrom(...TYPES), { maxLength: 3 })),
  allowedEventPatterns: optional(fc.uniqueArray(fc.constantFrom(...PATTERNS), { maxLength: 2 })),
  rateLimitPerMinute: optional(fc.option(fc.integer({ min: 1, max: 1200 }), { nil: null })),
  maxBulkItems: optional(fc.option(fc.integer({ min: 1, max: 40 }), { nil: null })),
});
export type Child = typeof childArb extends fc.Arbitrary<infer T> ? T : never;

const category = (t: string) => `${t.split('.')[0]}.*`;

/** The child's effective powers: what it asked for, or the parent's where it asked nothing. */
export function effective(parent: Parent, child: Child) {
  return {
    type: child.type ?? parent.type,
    permissions: child.permissions ?? parent.permissions,
    allowedEventTypes: child.allowedEventTypes ?? parent.allowedEventTypes,
    allowedEventPatterns: child.allowedEventPatterns ?? parent.allowedEventPatterns,
    rateLimitPerMinute: child.rateLimitPerMinute === undefined ? parent.rateLimitPerMinute : child.rateLimitPerMinute,
    maxBulkItems: child.maxBulkItems === undefined ? parent.maxBulkItems : child.maxBulkItems,
  };
}

/** Every field in which `child` has more than `parent`, written from the spec, not from src/domain. */
export function widenedFields(parent: Parent, child: ReturnType<typeof effective>): Set<string> {
  const out = new Set<string>();
  if (parent.type === 'AI_AGENT' && child.type !== 'AI_AGENT') out.add('type');
  if (child.permissions.some((p) => !parent.permissions.includes(p))) out.add('permissions');
  const parentAll = parent.allowedEventTypes.length + parent.allowedEventPatterns.length === 0;
  if (!parentAll) {
    const covered = (t: string) =>
      parent.allowedEventTypes.includes(t) || parent.allowedEventPatterns.includes(category(t));
    if (child.allowedEventTypes.length + child.allowedEventPatterns.length === 0) out.add('allowedEventTypes');
    if (!child.allowedEventTypes.every(covered)) out.add('allowedEventTypes');
    if (!child.allowedEventPatterns.every((p) => parent.allowedEventPatterns.includes(p))) {
      out.add('allowedEventPatterns');
    }
  }
  const parentRate = parent.rateLimitPerMinute ?? DEFAULT_RATE;
  if (parent.rateLimitPerMinute !== null && child.rateLimitPerMinute === null) out.add('rateLimitPerMinute');
  if (child.rateLimitPerMinute !== null && child.rateLimitPerMinute > parentRate) out.add('rateLimitPerMinute');
  if (parent.maxBulkItems !== null && (child.maxBulkItems === null || child.maxBulkItems > parent.maxBulkItems)) {
    out.add('maxBulkItems');
  }
  return out;
}
