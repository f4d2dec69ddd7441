import fc from 'fast-check';
import { TIER_LABELS, daysSince, tierFor, tierLabel } from '../../src/domain/tiers';

const DAY = 86_400_000;
const NOW = new Date('2026-06-01T12:00:00Z');

/** The product reference's tier table written out literally, as an oracle independent of TIER_REQUIREMENTS. */
function tableTier(events: number, partners: number, days: number): number {
  if (events >= 200 && partners >= 3 && days >= 90) return 3;
  if (events >= 50 && partners >= 2 && days >= 30) return 2;
  if (events >= 10 && partners >= 1 && days >= 14) return 1;
  return 0;
}

describe('tierFor', () => {
  it('agrees with the table for any counts and first-event dates', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 100_000 }),
        fc.nat({ max: 10 }),
        fc.integer({ min: -10 * DAY, max: 400 * DAY }),
        (eventCount, partnerCount, ageMs) => {
          const firstEventAt = new Date(NOW.getTime() - ageMs);
          const days = Math.max(0, Math.floor(ageMs / DAY));
          expect(tierFor({ eventCount, partnerCount, firstEventAt }, NOW)).toBe(
            tableTier(eventCount, partnerCount, days),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('is 0 without a first event, whatever the counts', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (eventCount, partnerCount) => {
        expect(tierFor({ eventCount, partnerCount, firstEventAt: null }, NOW)).toBe(0);
      }),
    );
  });

  it.each([
    [10, 1, 14, 1],
    [9, 1, 14, 0],
    [10, 1, 13, 0],
    [10, 0, 14, 0],
    [50, 2, 30, 2],
    [50, 1, 300, 1],
    [200, 3, 90, 3],
    [200, 3, 89, 2],
    [1_000_000, 2, 1000, 2],
  ])('%i events, %i partners, %i days → tier %i (boundaries)', (eventCount, partnerCount, days, tier) => {
    const firstEventAt = new Date(NOW.getTime() - days * DAY);
    expect(tierFor({ eventCount, partnerCount, firstEventAt }, NOW)).toBe(tier);
  });

  it('labels tiers none, limited, established, extensive', () => {
    expect([0, 1, 2, 3].map((t) => tierLabel(t as 0 | 1 | 2 | 3))).toEqual([...TIER_LABELS]);
    expect(TIER_LABELS).toEqual(['none', 'limited', 'established', 'extensive']);
  });

  it('counts whole days and treats a future first event as zero days', () => {
    expect(daysSince(new Date(NOW.getTime() - 1.9 * DAY), NOW)).toBe(1);
    expect(daysSince(new Date(NOW.getTime() + DAY), NOW)).toBe(0);
    expect(daysSince(null, NOW)).toBeNull();
  });
});
