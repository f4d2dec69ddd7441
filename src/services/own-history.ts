import type { Executor } from '../db/client';
import { type LinkedPartnerHistory, linkedPartnerHistories } from '../db/queries/own-history';
import { type Tier, daysSince, tierFor } from '../domain/tiers';

export interface OwnHistory {
  /** What every linked partner's resolve answers about the person (src/db/queries/history.ts). */
  tier: Tier;
  eventCount: number;
  partnerCount: number;
  firstEventAt: Date | null;
  lastEventAt: Date | null;
  daysSinceFirstEvent: number | null;
  daysSinceLastEvent: number | null;
  partners: LinkedPartnerHistory[];
}

/**
 * The person's history as the partners they linked see it. The sums are the resolve query's,
 * over the same rows: every linked partner user, partners counted only once they sent an event.
 * Without a link no partner sees the account at all: tier 0, nothing counted.
 */
export async function ownHistory(db: Executor, mirUserId: string, now: Date): Promise<OwnHistory> {
  const partners = await linkedPartnerHistories(db, mirUserId);
  let eventCount = 0;
  let partnerCount = 0;
  let firstEventAt: Date | null = null;
  let lastEventAt: Date | null = null;
  for (const p of partners) {
    eventCount += p.eventCount;
    if (p.eventCount > 0) partnerCount += 1;
    if (p.firstEventAt && (!firstEventAt || p.firstEventAt < firstEventAt)) firstEventAt = p.firstEventAt;
    if (p.lastEventAt && (!lastEventAt || p.lastEventAt > lastEventAt)) lastEventAt = p.lastEventAt;
  }
  return {
    tier: tierFor({ eventCount, partnerCount, firstEventAt }, now),
    eventCount,
    partnerCount,
    firstEventAt,
    lastEventAt,
    daysSinceFirstEvent: daysSince(firstEventAt, now),
    daysSinceLastEvent: daysSince(lastEventAt, now),
    partners,
  };
}
