export const TIER_LABELS = ['none', 'limited', 'established', 'extensive'] as const;
export type Tier = 0 | 1 | 2 | 3;
export type TierLabel = (typeof TIER_LABELS)[number];

/** The Enterprise reference's table: each tier needs all three minimums. */
export const TIER_REQUIREMENTS: ReadonlyArray<{
  tier: Exclude<Tier, 0>;
  events: number;
  partners: number;
  days: number;
}> = [
  { tier: 3, events: 200, partners: 3, days: 90 },
  { tier: 2, events: 50, partners: 2, days: 30 },
  { tier: 1, events: 10, partners: 1, days: 14 },
];

const DAY_MS = 24 * 60 * 60 * 1000;

export interface HistoryStats {
  eventCount: number;
  partnerCount: number;
  firstEventAt: Date | null;
}

/** Whole days elapsed; a first event in the future (clock skew) counts as zero days. */
export function daysSince(at: Date | null, now: Date): number | null {
  if (!at) return null;
  return Math.max(0, Math.floor((now.getTime() - at.getTime()) / DAY_MS));
}

/** Depth of history only, never quality: the highest tier whose three conditions all hold. */
export function tierFor(stats: HistoryStats, now: Date): Tier {
  const days = daysSince(stats.firstEventAt, now) ?? 0;
  for (const req of TIER_REQUIREMENTS) {
    if (stats.eventCount >= req.events && stats.partnerCount >= req.partners && days >= req.days) return req.tier;
  }
  return 0;
}

export function tierLabel(tier: Tier): TierLabel {
  return TIER_LABELS[tier];
}
