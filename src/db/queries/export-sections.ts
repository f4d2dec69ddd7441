import type { ExportAfter } from '../../domain/exports';
import type postgres from 'postgres';
import { type Executor, rawClient } from '../client';

/**
 * The parts of a person's data export, rendered to JSON text by Postgres (json_build_object,
 * mir_export_time). Each list is read in keyset pages by (time, id) ascending, and a page goes
 * straight into its chunk row in the statement that reads it: the worker sees only its count and
 * where it ended, never the page's text, so its memory is the same whatever the history's size.
 */

/** Where a page goes: its chunk, and what precedes its items (a comma after earlier items). */
export interface ChunkTarget {
  exportId: string;
  seq: number;
  lead: string;
}

/** One page written: how many items (no chunk when none), and the (time, id) it ended on. */
export interface PageWritten {
  count: number;
  last: ExportAfter | null;
}

/** Before every item: the keyset starts below anything there is. */
export const START: ExportAfter = { at: '-infinity', id: '' };

/**
 * What every page query ends with, after its `page` (at, id, doc): the items joined into the
 * chunk (an upsert: a step done again writes over its own chunk, never beside it), and the count
 * and last (time, id), microseconds kept.
 */
const writePage = (sql: postgres.Sql, to: ChunkTarget) => sql`
  , agg as (
    select count(*)::int as count, string_agg(doc, ',' order by at, id) as body,
           to_char((array_agg(at order by at desc, id desc))[1] at time zone 'UTC',
                   'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as last_at,
           (array_agg(id order by at desc, id desc))[1] as last_id
      from page
  ), chunk as (
    insert into export_chunks (export_id, seq, data)
    select ${to.exportId}, ${to.seq}::int, ${to.lead}::text || body from agg where count > 0
    on conflict (export_id, seq) do update set data = excluded.data
  )
  select count, last_at, last_id from agg`;

type PageRow = { count: number; last_at: string | null; last_id: string | null };

const written = ([row]: PageRow[]): PageWritten => ({
  count: row?.count ?? 0,
  last: row?.last_at && row.last_id ? { at: row.last_at, id: row.last_id } : null,
});

/**
 * The account (never its password hash), every link the person made (ended ones too, with the id
 * the partner knows them by) and every membership, as JSON texts; the partner users of the live
 * links, whose events follow. Null when the account is gone.
 */
export async function exportHeader(db: Executor, mirUserId: string) {
  const [row] = await rawClient(db)<
    { account: string; links: string; memberships: string; credentials: string; partner_users: string[] }[]
  >`
    select
      json_build_object('id', u.id, 'email', u.email, 'emailVerifiedAt', mir_export_time(u.email_verified_at),
                        'createdAt', mir_export_time(u.created_at))::text as account,
      (select coalesce(json_agg(json_build_object(
                'linkId', l.id, 'partner', json_build_object('id', o.id, 'name', o.name),
                'yourIdThere', pu.external_id, 'method', l.method,
                'linkedAt', mir_export_time(l.linked_at), 'unlinkedAt', mir_export_time(l.unlinked_at))
              order by l.linked_at, l.id), '[]')::text
         from partner_links l
         join organizations o on o.id = l.organization_id
         join partner_users pu on pu.id = l.partner_user_id
        where l.mir_user_id = u.id) as links,
      (select coalesce(json_agg(json_build_object(
                'organization', json_build_object('id', o.id, 'name', o.name), 'memberId', m.id, 'role', m.role,
                'since', mir_export_time(m.created_at), 'endedAt', mir_export_time(m.ended_at))
              order by m.created_at, m.id), '[]')::text
         from org_members m join organizations o on o.id = m.organization_id
        where m.mir_user_id = u.id) as memberships,
      (select coalesce(json_agg(json_build_object(
                'id', c.id, 'claims', c.claims, 'disclosed', c.disclosed,
                'issuedAt', mir_export_time(c.issued_at), 'expiresAt', mir_export_time(c.expires_at),
                'revokedAt', mir_export_time(s.revoked_at),
                'verifications', (select coalesce(json_agg(json_build_object(
                    'partner', json_build_object('id', o.id, 'name', o.name), 'status', v.status,
                    'at', mir_export_time(v.verified_at)) order by v.verified_at, v.id), '[]')
                  from credential_verifications v join organizations o on o.id = v.organization_id
                  where v.credential_id = c.id))
              order by c.issued_at, c.id), '[]')::text
         from credentials c join credential_statuses s on s.seq = c.status_seq
        where c.mir_user_id = u.id) as credentials,
      array(select l.partner_user_id from partner_links l
             where l.mir_user_id = u.id and l.unlinked_at is null
             order by l.linked_at, l.id) as partner_users
    from mir_users u where u.id = ${mirUserId}`;
  return row
    ? {
        account: row.account,
        links: row.links,
        memberships: row.memberships,
        credentials: row.credentials,
        partnerUsers: row.partner_users,
      }
    : null;
}

/**
 * A page, into its chunk, of one partner user's events received up to `asOf` (the export's
 * creation, so the document is the history as it stood then), each with its partner's id and name.
 */
export async function eventsPage(
  db: Executor,
  q: { partnerUserId: string; asOf: Date; after: ExportAfter; limit: number },
  to: ChunkTarget,
): Promise<PageWritten> {
  const sql = rawClient(db);
  return written(
    await sql<PageRow[]>`
      with page as (
        select e.occurred_at as at, e.id,
               json_build_object('id', e.id, 'partner', json_build_object('id', o.id, 'name', o.name),
                                 'type', e.type, 'significance', e.significance, 'data', e.data,
                                 'occurredAt', mir_export_time(e.occurred_at),
                                 'receivedAt', mir_export_time(e.received_at))::text as doc
          from events e join organizations o on o.id = e.organization_id
         where e.partner_user_id = ${q.partnerUserId} and e.received_at <= ${q.asOf.toISOString()}::timestamptz
           and (e.occurred_at, e.id) > (${q.after.at}::timestamptz, ${q.after.id})
         -- Nulls first, as none are: the order of events_user_occurred_idx read backward.
         order by e.occurred_at nulls first, e.id nulls first
         limit ${q.limit})
      ${writePage(sql, to)}`,
  );
}

/** A page, into its chunk, of the person's access log (lookups by partners still linked: a link's go with it). */
export async function accessLogPage(
  db: Executor,
  q: { mirUserId: string; asOf: Date; after: ExportAfter; limit: number },
  to: ChunkTarget,
): Promise<PageWritten> {
  const sql = rawClient(db);
  return written(
    await sql<PageRow[]>`
      with page as (
        select a.at, a.id,
               json_build_object('partner', json_build_object('id', o.id, 'name', o.name),
                                 'operation', a.operation, 'action', a.action, 'outcome', a.outcome,
                                 'at', mir_export_time(a.at))::text as doc
          from access_log a
          join partner_links l on l.id = a.link_id and l.unlinked_at is null
          join organizations o on o.id = a.organization_id
         where a.mir_user_id = ${q.mirUserId} and a.at <= ${q.asOf.toISOString()}::timestamptz
           and (a.at, a.id) > (${q.after.at}::timestamptz, ${q.after.id})
         order by a.at, a.id
         limit ${q.limit})
      ${writePage(sql, to)}`,
  );
}

/**
 * A page, into its chunk, of the audit entries about the person: those they made, and those about
 * their partner users while linked to them, their memberships and the member invites those began.
 * The ids are read first, so each arm of the filter is an index lookup (migration 0025's partial
 * indexes), never a scan of an organisation's whole trail. Who else acted is named by kind only: a
 * partner's key and agent ids are its own business.
 */
export async function auditPage(
  db: Executor,
  q: { mirUserId: string; asOf: Date; after: ExportAfter; limit: number },
  to: ChunkTarget,
): Promise<PageWritten> {
  const sql = rawClient(db);
  return written(
    await sql<PageRow[]>`
      with ids as (
        select array(select partner_user_id from partner_links where mir_user_id = ${q.mirUserId}) as partner_users,
               array(select id from org_members where mir_user_id = ${q.mirUserId}) as members,
               array(select invite_id from org_members
                      where mir_user_id = ${q.mirUserId} and invite_id is not null) as invites
      ), page as (
        select a.created_at as at, a.id,
               json_build_object('id', a.id, 'organization', json_build_object('id', o.id, 'name', o.name),
                                 'actorType', a.actor_type, 'action', a.action,
                                 'target', json_build_object('type', a.target_type, 'id', a.target_id),
                                 'details', a.details, 'at', mir_export_time(a.created_at))::text as doc
          from audit_log a join organizations o on o.id = a.organization_id, ids
         where a.created_at <= ${q.asOf.toISOString()}::timestamptz
           and (a.created_at, a.id) > (${q.after.at}::timestamptz, ${q.after.id})
           and ((a.actor_type = 'user' and a.actor_id = ${q.mirUserId})
             or (a.target_type = 'partner_user' and a.target_id = any(ids.partner_users)
                 and exists (select 1 from partner_links l
                              where l.mir_user_id = ${q.mirUserId} and l.partner_user_id = a.target_id
                                and a.created_at >= l.linked_at
                                and (l.unlinked_at is null or a.created_at <= l.unlinked_at)))
             or (a.target_type = 'org_member' and a.target_id = any(ids.members))
             or (a.target_type = 'member_invite' and a.target_id = any(ids.invites)))
         order by a.created_at, a.id
         limit ${q.limit})
      ${writePage(sql, to)}`,
  );
}
