import type postgres from 'postgres';
import { type Executor, rawClient } from '../client';
import type { AccessedLink } from './access-log';

export interface History {
  eventCount: number;
  partnerCount: number;
  firstEventAt: Date | null;
  lastEventAt: Date | null;
  linked: boolean;
  /** The person's link, for the access log: a lookup of a linked user is logged for them to see. */
  link: AccessedLink | null;
}

interface HistoryRow extends Record<string, unknown> {
  external_id: string;
  own_count: string;
  own_first: string | null;
  own_last: string | null;
  linked: boolean;
  link_id: string | null;
  mir_user_id: string | null;
  linked_count: string | null;
  linked_partners: number | null;
  linked_first: string | null;
  linked_last: string | null;
}

const date = (v: string | null) => (v ? new Date(v) : null);

/**
 * The organisation's own row per user and, for a user who linked a MIR account, the rows of every
 * partner that person linked. Cost grows with linked partners, never with events.
 */
async function historyRows(db: Executor, organizationId: string, match: postgres.PendingQuery<postgres.Row[]>) {
  return rawClient(db)<HistoryRow[]>`
    select p.external_id, p.event_count as own_count, p.first_event_at as own_first, p.last_event_at as own_last,
           l.id is not null as linked, l.id as link_id, l.mir_user_id, agg.event_count as linked_count, agg.partner_count as linked_partners,
           agg.first_at as linked_first, agg.last_at as linked_last
    from partner_users p
    left join partner_links l on l.partner_user_id = p.id and l.unlinked_at is null
    left join lateral (
      select sum(pu.event_count)::bigint as event_count, (count(*) filter (where pu.event_count > 0))::int as partner_count,
             min(pu.first_event_at) as first_at, max(pu.last_event_at) as last_at
      from partner_links l2 join partner_users pu on pu.id = l2.partner_user_id
      where l2.mir_user_id = l.mir_user_id and l2.unlinked_at is null
    ) agg on l.id is not null
    where p.organization_id = ${organizationId} and p.external_id ${match}`;
}

function toHistory(r: HistoryRow): History | null {
  // Known to this organisation only by an invite: no history it may see yet.
  if (!r.linked && Number(r.own_count) === 0) return null;
  return r.linked
    ? {
        eventCount: Number(r.linked_count ?? 0),
        partnerCount: r.linked_partners ?? 0,
        firstEventAt: date(r.linked_first),
        lastEventAt: date(r.linked_last),
        linked: true,
        link: { id: r.link_id!, mirUserId: r.mir_user_id! },
      }
    : {
        eventCount: Number(r.own_count),
        partnerCount: 1,
        firstEventAt: date(r.own_first),
        lastEventAt: date(r.own_last),
        linked: false,
        link: null,
      };
}

/**
 * Null when the organisation has neither events for the user nor a link from them, which
 * callers must answer exactly like a user who exists only elsewhere. Matched with `=`, not
 * `= any(array)`: Postgres keeps one plan for the `=` statement, while for the array form it
 * judged its generic plan too dear once partner_users grew and planned every execution anew,
 * which was three quarters of the database's work per resolve.
 */
export async function historyOf(db: Executor, organizationId: string, externalId: string): Promise<History | null> {
  const [row] = await historyRows(db, organizationId, rawClient(db)`= ${externalId}`);
  return row ? toHistory(row) : null;
}

/** One query for any number of users (bulk evaluations); a single user goes through historyOf. */
export async function historiesOf(
  db: Executor,
  organizationId: string,
  externalIds: string[],
): Promise<Map<string, History>> {
  const ids = [...new Set(externalIds)];
  const found = new Map<string, History>();
  if (ids.length === 0) return found;
  if (ids.length === 1) {
    const history = await historyOf(db, organizationId, ids[0]!);
    if (history) found.set(ids[0]!, history);
    return found;
  }
  for (const row of await historyRows(db, organizationId, rawClient(db)`= any(${ids}::text[])`)) {
    const history = toHistory(row);
    if (history) found.set(row.external_id, history);
  }
  return found;
}
