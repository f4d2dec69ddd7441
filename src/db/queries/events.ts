import { type SQL, and, desc, eq, gte, like, lt, or } from 'drizzle-orm';
import type { Cursor } from '../../domain/cursor';
import type { Significance, TypeFilter } from '../../domain/events';
import { newId } from '../../domain/ids';
import { type Executor, rawClient } from '../client';
import { events, partnerUsers } from '../schema';

export interface NewEvent {
  type: string;
  userId: string;
  significance: Significance;
  data?: Record<string, unknown>;
  occurredAt: Date;
}

export interface StoredEvent {
  id: string;
  type: string;
  userId: string;
  significance: Significance;
  occurredAt: Date;
  receivedAt: Date;
}

/** An event of one organisation, for writes that gather several organisations' events. */
export interface OwnedEvent {
  organizationId: string;
  event: NewEvent;
}

/**
 * Stores a batch in one statement: unseen users are created, every user's count and first/last
 * times move by exactly this batch (least/greatest keep them right for out-of-order occurredAt),
 * and the events are inserted. Users are upserted in key order so concurrent batches that touch
 * the same users lock them in the same order and cannot deadlock. A suppressed user (a SUPPRESS
 * regulation) is refused by the upsert's own WHERE: their events are not stored, and are null in
 * the answer, in the batch's order.
 */
export async function storeEvents(db: Executor, batch: OwnedEvent[]): Promise<(StoredEvent | null)[]> {
  if (batch.length === 0) return [];
  const rows = batch.map(({ organizationId, event: e }) => ({
    id: newId('evt'),
    user_key: newId('usr'),
    organization_id: organizationId,
    external_id: e.userId,
    type: e.type,
    significance: e.significance,
    data: e.data ?? null,
    occurred_at: e.occurredAt.toISOString(),
  }));
  const stored = await rawClient(db)<{ id: string; received_at: string }[]>`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(id text, user_key text,
        organization_id text, external_id text, type text, significance text, data jsonb, occurred_at timestamptz)
    ), per_user as (
      select organization_id, external_id, min(user_key) as user_key, count(*) as n,
             min(occurred_at) as first_at, max(occurred_at) as last_at
      from input group by organization_id, external_id order by organization_id, external_id
    ), users as (
      insert into partner_users (id, organization_id, external_id, event_count, first_event_at, last_event_at)
      select user_key, organization_id, external_id, n, first_at, last_at from per_user
      on conflict (organization_id, external_id) do update set
        event_count = partner_users.event_count + excluded.event_count,
        first_event_at = least(partner_users.first_event_at, excluded.first_event_at),
        last_event_at = greatest(partner_users.last_event_at, excluded.last_event_at)
      where partner_users.suppressed_at is null
      returning id, organization_id, external_id
    )
    insert into events (id, organization_id, partner_user_id, type, significance, data, occurred_at)
    select i.id, i.organization_id, u.id, i.type, i.significance, i.data, i.occurred_at
    from input i join users u on u.organization_id = i.organization_id and u.external_id = i.external_id
    returning id, received_at`;
  const receivedAt = new Map(stored.map((r) => [r.id, new Date(r.received_at)]));
  return rows.map((r, i) => {
    // Only the upsert's WHERE leaves an event out: its user is suppressed.
    const at = receivedAt.get(r.id);
    if (!at) return null;
    const { event } = batch[i]!;
    return {
      id: r.id,
      type: event.type,
      userId: event.userId,
      significance: event.significance,
      occurredAt: event.occurredAt,
      receivedAt: at,
    };
  });
}

export const insertEvents = (db: Executor, organizationId: string, batch: NewEvent[]) =>
  storeEvents(
    db,
    batch.map((event) => ({ organizationId, event })),
  );

/**
 * One event, the most frequent write of the API: the same effect as a batch of one, without the
 * JSON round trip through jsonb_to_recordset, which made Postgres do a third more work per event.
 * Null: the user is suppressed, which the upsert reads from the row it locks anyway.
 */
export async function insertEvent(db: Executor, organizationId: string, e: NewEvent): Promise<StoredEvent | null> {
  const id = newId('evt');
  const at = e.occurredAt.toISOString();
  const [row] = await rawClient(db)<{ received_at: string }[]>`
    with u as (
      insert into partner_users (id, organization_id, external_id, event_count, first_event_at, last_event_at)
      values (${newId('usr')}, ${organizationId}, ${e.userId}, 1, ${at}, ${at})
      on conflict (organization_id, external_id) do update set
        event_count = partner_users.event_count + 1,
        first_event_at = least(partner_users.first_event_at, excluded.first_event_at),
        last_event_at = greatest(partner_users.last_event_at, excluded.last_event_at)
      where partner_users.suppressed_at is null
      returning id
    )
    insert into events (id, organization_id, partner_user_id, type, significance, data, occurred_at)
    select ${id}, ${organizationId}, u.id, ${e.type}, ${e.significance}, ${e.data === undefined ? null : JSON.stringify(e.data)}::jsonb, ${at}
    from u
    returning received_at`;
  if (!row) return null;
  return {
    id,
    type: e.type,
    userId: e.userId,
    significance: e.significance,
    occurredAt: e.occurredAt,
    receivedAt: new Date(row.received_at),
  };
}

export interface EventFilter {
  userId?: string;
  type?: TypeFilter;
  from?: Date;
  to?: Date;
  cursor?: Cursor;
  limit: number;
}

/** Newest first by (occurredAt, id): a keyset page never repeats or skips rows that existed when the listing began. */
export async function listEvents(db: Executor, organizationId: string, filter: EventFilter) {
  const conditions: (SQL | undefined)[] = [eq(events.organizationId, organizationId)];
  if (filter.userId !== undefined) conditions.push(eq(partnerUsers.externalId, filter.userId));
  if (filter.type && 'exact' in filter.type) conditions.push(eq(events.type, filter.type.exact));
  if (filter.type && 'prefix' in filter.type)
    conditions.push(like(events.type, `${filter.type.prefix.replaceAll('_', '\\_')}%`));
  if (filter.from) conditions.push(gte(events.occurredAt, filter.from));
  if (filter.to) conditions.push(lt(events.occurredAt, filter.to));
  if (filter.cursor) {
    const { at, id } = filter.cursor;
    conditions.push(or(lt(events.occurredAt, at), and(eq(events.occurredAt, at), lt(events.id, id))));
  }
  const rows = await db
    .select({
      id: events.id,
      type: events.type,
      userId: partnerUsers.externalId,
      significance: events.significance,
      data: events.data,
      occurredAt: events.occurredAt,
      receivedAt: events.receivedAt,
    })
    .from(events)
    .innerJoin(partnerUsers, eq(partnerUsers.id, events.partnerUserId))
    .where(and(...conditions))
    .orderBy(desc(events.occurredAt), desc(events.id))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  const last = page[page.length - 1];
  return { events: page, next: rows.length > filter.limit && last ? { at: last.occurredAt, id: last.id } : null };
}
