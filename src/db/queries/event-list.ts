import { type SQL, and, eq, gte, like, lt, sql } from 'drizzle-orm';
import type { Cursor } from '../../domain/cursor';
import type { TypeFilter } from '../../domain/events';
import type { Executor } from '../client';
import { events, partnerUsers } from '../schema';

export interface EventFilter {
  userId?: string;
  type?: TypeFilter;
  from?: Date;
  to?: Date;
  cursor?: Cursor;
  limit: number;
}

/**
 * Newest first by (occurredAt, id): a keyset page never repeats or skips rows that existed when the
 * listing began. The page is cut from `events` alone and only its rows are joined to their users:
 * joined first, the planner hashed every event of the organisation to find a hundred (seconds at
 * 5 M events, and a slow page for every other tenant too), and ordered as the indexes are (a plain
 * DESC is nulls first, which the indexes are not, so no index could give the order). The user filter is the user's key, and the
 * cursor a row comparison, so each page walks an index from where the last one stopped.
 * `event-list-plan.test.ts` keeps the plans.
 */
export async function listEvents(db: Executor, organizationId: string, filter: EventFilter) {
  const query = await eventPageQuery(db, organizationId, filter);
  const rows = query ? await query.statement : [];
  const kept = rows.slice(0, filter.limit);
  const last = kept[kept.length - 1];
  return { events: kept, next: rows.length > filter.limit && last ? { at: last.occurredAt, id: last.id } : null };
}

/**
 * The statement of one page (one row more than the page, to tell whether another follows), wrapped
 * (a drizzle query is a thenable: returned bare from here it would run); null for a user the
 * organisation never sent. The user's key is looked up first and sent as a value:
 * events is partitioned by month (ADR 0009), a page merges one walk per month, and a key the planner
 * can see lets each month's statistics tell a user with 50,000 events (walk the user's index, stop
 * after a page) from one with ten (read them, sort them); with a subquery it planned every user as
 * the average one and read all 50,000.
 */
export async function eventPageQuery(db: Executor, organizationId: string, filter: EventFilter) {
  const conditions: (SQL | undefined)[] = [eq(events.organizationId, organizationId)];
  if (filter.userId !== undefined) {
    const [user] = await db
      .select({ id: partnerUsers.id })
      .from(partnerUsers)
      .where(and(eq(partnerUsers.organizationId, organizationId), eq(partnerUsers.externalId, filter.userId)));
    if (!user) return null;
    conditions.push(eq(events.partnerUserId, user.id));
  }
  if (filter.type && 'exact' in filter.type) conditions.push(eq(events.type, filter.type.exact));
  if (filter.type && 'prefix' in filter.type)
    conditions.push(like(events.type, `${filter.type.prefix.replaceAll('_', '\\_')}%`));
  if (filter.from) conditions.push(gte(events.occurredAt, filter.from));
  if (filter.to) conditions.push(lt(events.occurredAt, filter.to));
  if (filter.cursor) {
    const { at, id } = filter.cursor;
    conditions.push(sql`(${events.occurredAt}, ${events.id}) < (${at.toISOString()}::timestamptz, ${id})`);
  }
  const page = db
    .select({
      id: events.id,
      partnerUserId: events.partnerUserId,
      type: events.type,
      significance: events.significance,
      data: events.data,
      occurredAt: events.occurredAt,
      receivedAt: events.receivedAt,
    })
    .from(events)
    .where(and(...conditions))
    // Nulls last, as none are: the order of the events indexes, which plain DESC (nulls first) is not.
    .orderBy(sql`${events.occurredAt} desc nulls last`, sql`${events.id} desc nulls last`)
    .limit(filter.limit + 1)
    .as('page');
  // Each row's user by its key, a hundred index lookups: a join let the planner hash every user of
  // every tenant once there were few enough of them.
  const statement = db
    .select({
      id: page.id,
      type: page.type,
      userId: sql<string>`(select ${partnerUsers.externalId} from ${partnerUsers} where ${partnerUsers.id} = ${page.partnerUserId})`,
      significance: page.significance,
      data: page.data,
      occurredAt: page.occurredAt,
      receivedAt: page.receivedAt,
    })
    .from(page)
    .orderBy(sql`${page.occurredAt} desc nulls last`, sql`${page.id} desc nulls last`);
  return { statement };
}
