import { type Executor, rawClient } from '../client';

/** How many event types a partner's entry lists, most frequent first; the rest are counted, not named. */
export const MAX_EVENT_TYPES = 100;

export interface LinkedPartnerHistory {
  partnerId: string;
  partnerName: string;
  linkedAt: Date;
  eventCount: number;
  firstEventAt: Date | null;
  lastEventAt: Date | null;
  eventTypes: { type: string; count: number }[];
  /** More types than MAX_EVENT_TYPES: eventTypes holds the most frequent. */
  eventTypesTruncated: boolean;
}

interface Row extends Record<string, unknown> {
  partner_id: string;
  partner_name: string;
  linked_at: string;
  event_count: string;
  first_event_at: string | null;
  last_event_at: string | null;
  event_types: { type: string; count: number }[];
}

/**
 * What each partner the person is linked to holds: the partner user's aggregates (the rows the
 * partners' resolve sums) and its event types. Counting types reads that user's events, so it
 * grows with them; it serves the person's own page, never a partner's hot path.
 */
export async function linkedPartnerHistories(db: Executor, mirUserId: string): Promise<LinkedPartnerHistory[]> {
  const rows = await rawClient(db)<Row[]>`
    select o.id as partner_id, o.name as partner_name, l.linked_at, pu.event_count, pu.first_event_at, pu.last_event_at,
      coalesce((
        select json_agg(json_build_object('type', t.type, 'count', t.n) order by t.n desc, t.type)
        from (select e.type, count(*)::int as n from events e where e.partner_user_id = pu.id
              group by e.type order by n desc, e.type limit ${MAX_EVENT_TYPES + 1}) t
      ), '[]'::json) as event_types
    from partner_links l
    join partner_users pu on pu.id = l.partner_user_id
    join organizations o on o.id = l.organization_id
    where l.mir_user_id = ${mirUserId} and l.unlinked_at is null
    order by l.linked_at, l.id`;
  return rows.map((r) => ({
    partnerId: r.partner_id,
    partnerName: r.partner_name,
    linkedAt: new Date(r.linked_at),
    eventCount: Number(r.event_count),
    firstEventAt: r.first_event_at ? new Date(r.first_event_at) : null,
    lastEventAt: r.last_event_at ? new Date(r.last_event_at) : null,
    eventTypes: r.event_types.slice(0, MAX_EVENT_TYPES),
    eventTypesTruncated: r.event_types.length > MAX_EVENT_TYPES,
  }));
}
