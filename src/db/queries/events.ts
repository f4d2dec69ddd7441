import type { Significance } from '../../domain/events';
import { newId } from '../../domain/ids';
import { type Executor, rawClient } from '../client';

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
