import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { partnerUsers } from '../schema';

export interface History {
  eventCount: number;
  partnerCount: number;
  firstEventAt: Date | null;
  lastEventAt: Date | null;
  linked: boolean;
}

/**
 * One indexed row read, whatever the size of the history: the aggregates are maintained by
 * insertEvents. Null when this organisation has never submitted an event for the user, which
 * callers must answer exactly like a user who exists only elsewhere.
 */
export async function historyOf(db: Executor, organizationId: string, externalId: string): Promise<History | null> {
  const [row] = await db
    .select({
      eventCount: partnerUsers.eventCount,
      firstEventAt: partnerUsers.firstEventAt,
      lastEventAt: partnerUsers.lastEventAt,
    })
    .from(partnerUsers)
    .where(and(eq(partnerUsers.organizationId, organizationId), eq(partnerUsers.externalId, externalId)))
    .limit(1);
  if (!row) return null;
  return { ...row, partnerCount: row.eventCount > 0 ? 1 : 0, linked: false };
}
