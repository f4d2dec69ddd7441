import fc from 'fast-check';
import { ancestorIds, childAncestry, descendantsPattern } from '../../src/domain/lineage';
import type { Permission } from '../../src/domain/permissions';
import { approvalReasons, inheritFromParent } from '../../src/domain/spawn';
import { DEFAULT_RATE, childArb, effective, parentArb, widenedFields } from '../helpers/spawn-oracle';

const asParent = (p: typeof parentArb extends fc.Arbitrary<infer T> ? T : never) => ({
  ...p,
  preset: null,
  permissions: p.permissions as Permission[],
});

describe('inheritFromParent', () => {
  it('refuses exactly the fields the spec calls widening, and fills omitted ones from the parent', () => {
    fc.assert(
      fc.property(parentArb, childArb, (parent, child) => {
        const result = inheritFromParent(asParent(parent), child as never, DEFAULT_RATE);
        const expected = widenedFields(parent, effective(parent, child));
        if ('widened' in result) {
          expect(new Set(result.widened.map((w) => w.field))).toEqual(expected);
        } else {
          expect(expected).toEqual(new Set());
          const want = effective(parent, child);
          expect(result.child).toMatchObject({
            type: want.type,
            allowedEventTypes: want.allowedEventTypes,
            allowedEventPatterns: want.allowedEventPatterns,
            rateLimitPerMinute: want.rateLimitPerMinute,
            maxBulkItems: want.maxBulkItems,
          });
        }
      }),
      { numRuns: 500 },
    );
  });

  it('review.* covers review.posted, never the reverse', () => {
    const parent = {
      type: 'AI_AGENT' as const,
      preset: null,
      permissions: ['events:write' as Permission],
      allowedEventTypes: ['review.posted'],
      allowedEventPatterns: [] as string[],
      rateLimitPerMinute: null,
      maxBulkItems: 25,
    };
    expect(inheritFromParent(parent, { allowedEventPatterns: ['review.*'] }, 600)).toMatchObject({
      widened: [{ field: 'allowedEventPatterns', requested: ['review.*'] }],
    });
    const wide = { ...parent, allowedEventTypes: [], allowedEventPatterns: ['review.*'] };
    expect(
      inheritFromParent(wide, { allowedEventTypes: ['mir.review.posted'], allowedEventPatterns: [] }, 600),
    ).toEqual({
      child: expect.objectContaining({ allowedEventTypes: ['review.posted'], allowedEventPatterns: [] }),
    });
  });
});

describe('genealogy helpers', () => {
  it('ancestry is root … parent, and the descendants pattern escapes LIKE wildcards', () => {
    const a = { id: 'agent_a', ancestry: '' };
    const b = { id: 'agent_b', ancestry: childAncestry(a) };
    expect(childAncestry(b)).toBe('agent_a/agent_b/');
    expect(ancestorIds(childAncestry(b))).toEqual(['agent_a', 'agent_b']);
    expect(descendantsPattern(b)).toBe('agent\\_a/agent\\_b/%');
  });

  it('approval is required from a depth or for listed permissions', () => {
    const policy = {
      enabled: true,
      maxDepth: 5,
      requireApprovalFromDepth: 3,
      requireApprovalForPermissions: ['events:read'],
    };
    expect(approvalReasons(policy, 2, ['events:write'])).toEqual([]);
    expect(approvalReasons(policy, 3, ['events:write'])).toEqual(['depth 3 >= 3']);
    expect(approvalReasons(policy, 1, ['events:read', 'events:write'])).toEqual(['permissions events:read']);
  });
});
