import { and, eq, inArray } from 'drizzle-orm';
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

/** Many users in one query, for bulk evaluation; users without a row are absent from the map. */
export async function historiesOf(
  db: Executor,
  organizationId: string,
  externalIds: string[],
): Promise<Map<string, History>> {
  if (externalIds.length === 0) return new Map();
  const rows = await db
    .select({
      externalId: partnerUsers.externalId,
      eventCount: partnerUsers.eventCount,
      firstEventAt: partnerUsers.firstEventAt,
      lastEventAt: partnerUsers.lastEventAt,
    })
    .from(partnerUsers)
    .where(
      and(eq(partnerUsers.organizationId, organizationId), inArray(partnerUsers.externalId, [...new Set(externalIds)])),
    );
  return new Map(
    rows.map(({ externalId, ...r }) => [externalId, { ...r, partnerCount: r.eventCount > 0 ? 1 : 0, linked: false }]),
  );
}
