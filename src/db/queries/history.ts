import { type Executor, rawClient } from '../client';

export interface History {
  eventCount: number;
  partnerCount: number;
  firstEventAt: Date | null;
  lastEventAt: Date | null;
  linked: boolean;
}

interface HistoryRow extends Record<string, unknown> {
  external_id: string;
  own_count: string;
  own_first: string | null;
  own_last: string | null;
  linked: boolean;
  linked_count: string | null;
  linked_partners: number | null;
  linked_first: string | null;
  linked_last: string | null;
}

const date = (v: string | null) => (v ? new Date(v) : null);

/**
 * One query for any number of users, reading only aggregate rows: the organisation's own row
 * per user and, for a user who linked a MIR account, the rows of every partner that person
 * linked. Cost grows with linked partners, never with events.
 */
export async function historiesOf(
  db: Executor,
  organizationId: string,
  externalIds: string[],
): Promise<Map<string, History>> {
  const ids = [...new Set(externalIds)];
  if (ids.length === 0) return new Map();
  const rows = await rawClient(db)<HistoryRow[]>`
    select p.external_id, p.event_count as own_count, p.first_event_at as own_first, p.last_event_at as own_last,
           l.id is not null as linked, agg.event_count as linked_count, agg.partner_count as linked_partners,
           agg.first_at as linked_first, agg.last_at as linked_last
    from partner_users p
    left join partner_links l on l.partner_user_id = p.id and l.unlinked_at is null
    left join lateral (
      select sum(pu.event_count)::bigint as event_count, (count(*) filter (where pu.event_count > 0))::int as partner_count,
             min(pu.first_event_at) as first_at, max(pu.last_event_at) as last_at
      from partner_links l2 join partner_users pu on pu.id = l2.partner_user_id
      where l2.mir_user_id = l.mir_user_id and l2.unlinked_at is null
    ) agg on l.id is not null
    where p.organization_id = ${organizationId} and p.external_id = any(${ids}::text[])`;
  const found = new Map<string, History>();
  for (const r of rows) {
    // Known to this organisation only by an invite: no history it may see yet.
    if (!r.linked && Number(r.own_count) === 0) continue;
    found.set(
      r.external_id,
      r.linked
        ? {
            eventCount: Number(r.linked_count ?? 0),
            partnerCount: r.linked_partners ?? 0,
            firstEventAt: date(r.linked_first),
            lastEventAt: date(r.linked_last),
            linked: true,
          }
        : {
            eventCount: Number(r.own_count),
            partnerCount: 1,
            firstEventAt: date(r.own_first),
            lastEventAt: date(r.own_last),
            linked: false,
          },
    );
  }
  return found;
}

/**
 * Null when the organisation has neither events for the user nor a link from them, which
 * callers must answer exactly like a user who exists only elsewhere.
 */
export async function historyOf(db: Executor, organizationId: string, externalId: string): Promise<History | null> {
  return (await historiesOf(db, organizationId, [externalId])).get(externalId) ?? null;
}
