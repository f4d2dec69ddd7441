import type postgres from 'postgres';
import { newId } from '../../domain/ids';
import { DELETION_STAGES, type DeletionStage, deletesData } from '../../domain/regulations';
import { type Db, rawClient } from '../client';
import type { Regulation } from './regulations';

/** Rows deleted per statement: short row locks, and a worker that dies loses at most one chunk. */
export const REGULATION_CHUNK_ROWS = 2_000;
/** Users whose totals are recounted per step (their rows are locked meanwhile, in external id order). */
const USERS_PER_STEP = 500;

interface Target {
  id: string;
  organizationId: string;
  type: Regulation['type'];
  userIds: string[];
  /** As Postgres wrote it: the pool's serializers take timestamps as text, not Date. */
  cutoffAt: string;
  requestedBy: Regulation['requestedBy'];
}

interface StepOutcome {
  rows: number;
  /** The stage has nothing left: the next step starts the next one. */
  stageDone: boolean;
  cursor?: string | null;
  counts?: { eventsDeleted?: number; decisionsDeleted?: number; linksEnded?: number };
}

type Tx = postgres.Sql;
const targetIds = (sql: Tx, t: Target) =>
  sql`select id from partner_users where organization_id = ${t.organizationId} and external_id = any(${t.userIds}::text[])`;

/**
 * The users' active links end, each once (a second regulation on the same users finds it ended);
 * the person is mailed (the mail queue, which the worker sends once this commits), and the access
 * log of the link goes with it (its trigger, migration 0022).
 */
async function endLinks(sql: Tx, t: Target, limit: number): Promise<StepOutcome> {
  const ended = await sql<{ id: string; mir_user_id: string; partner_user_id: string }[]>`
    update partner_links l set unlinked_at = now()
    where l.id in (
      select id from partner_links where partner_user_id in (${targetIds(sql, t)}) and unlinked_at is null
      order by id limit ${limit} for update)
      and l.unlinked_at is null
    returning l.id, l.mir_user_id, l.partner_user_id`;
  if (ended.length === 0) return { rows: 0, stageDone: true };
  if (t.type === 'DELETE') {
    // The person's credentials issued while linked stated this user's history, which is now deleted
    // (issued_at is the credential's iat, whole seconds).
    await sql`
      update credential_statuses s set revoked_at = now()
      from credentials c, partner_links l
      where l.id = any(${ended.map((l) => l.id)}::text[]) and c.mir_user_id = l.mir_user_id
        and c.issued_at >= date_trunc('second', l.linked_at) and s.seq = c.status_seq and s.revoked_at is null`;
  }
  const mailIds = ended.map(() => newId('mail'));
  await sql`
    insert into mail_queue (id, kind, to_email, mir_user_id, organization_id)
    select m.id, 'link-removed', u.email, u.id, ${t.organizationId}
    from unnest(${mailIds}::text[], ${ended.map((l) => l.mir_user_id)}::text[]) as m(id, mir_user_id)
    join mir_users u on u.id = m.mir_user_id`;
  await sql`
    insert into audit_log (id, organization_id, actor_type, actor_id, action, target_type, target_id, details)
    select a.id, ${t.organizationId}, ${t.requestedBy.type}, ${t.requestedBy.id}, 'link.removed', 'partner_user',
      a.target, jsonb_build_object('regulationId', ${t.id}::text, 'linkId', a.link)
    from unnest(${ended.map(() => newId('aud'))}::text[], ${ended.map((l) => l.partner_user_id)}::text[],
      ${ended.map((l) => l.id)}::text[]) as a(id, target, link)`;
  return { rows: ended.length, stageDone: ended.length < limit, counts: { linksEnded: ended.length } };
}

/** What was received up to the cutoff: a DELETE does not suppress, so later events are the partner's new data. */
async function deleteEvents(sql: Tx, t: Target, limit: number): Promise<StepOutcome> {
  const { count } = await sql`
    delete from events where id in (
      select id from events
      where partner_user_id = any(array(${targetIds(sql, t)})) and received_at <= ${t.cutoffAt}
      limit ${limit})`;
  return { rows: count, stageDone: count < limit, counts: { eventsDeleted: count } };
}

/** The decision log names a user by the partner's id for them, as the actor of a human decision. */
async function deleteDecisions(sql: Tx, t: Target, limit: number): Promise<StepOutcome> {
  const { count } = await sql`
    delete from policy_decisions where id in (
      select id from policy_decisions
      where organization_id = ${t.organizationId} and actor_type = 'human' and actor_id = any(${t.userIds}::text[])
        and created_at <= ${t.cutoffAt}
      limit ${limit})`;
  return { rows: count, stageDone: count < limit, counts: { decisionsDeleted: count } };
}

/**
 * Each user's totals recounted from what is left, under the row lock every event insert takes,
 * so no insert lands between the count and its write. Invites and codes the partner made before
 * the regulation are withdrawn (expired). A DELETE then removes the rows of users with nothing
 * left (no event, no suppression, no link or request made since): resolve answers for them as for
 * a user never seen, 404 user_not_found. A suppressed user keeps a row, empty, for the mark.
 */
async function settleUsers(sql: Tx, t: Target, cursor: string | null): Promise<StepOutcome> {
  const locked = await sql<{ id: string; external_id: string }[]>`
    select id, external_id from partner_users
    where organization_id = ${t.organizationId} and external_id = any(${t.userIds}::text[])
      and (${cursor}::text is null or external_id > ${cursor})
    order by external_id limit ${USERS_PER_STEP} for update`;
  const ids = locked.map((u) => u.id);
  if (ids.length > 0) {
    await sql`
      update partner_users p set event_count = s.n, first_event_at = s.first_at, last_event_at = s.last_at
      from (
        select u.id, count(e.id) as n, min(e.occurred_at) as first_at, max(e.occurred_at) as last_at
        from unnest(${ids}::text[]) as u(id) left join events e on e.partner_user_id = u.id group by u.id
      ) s
      where p.id = s.id`;
    await sql`
      update link_requests set status = 'EXPIRED', decided_at = now()
      where partner_user_id = any(${ids}::text[]) and status = 'PENDING' and created_at <= ${t.cutoffAt}`;
  }
  if (ids.length > 0 && t.type === 'DELETE') {
    await sql`
      delete from partner_users p
      where p.id = any(${ids}::text[]) and p.event_count = 0 and p.suppressed_at is null
        and not exists (select 1 from partner_links l where l.partner_user_id = p.id and l.unlinked_at is null)
        and not exists (select 1 from link_requests r where r.partner_user_id = p.id and r.status = 'PENDING')`;
  }
  const done = ids.length < USERS_PER_STEP;
  return { rows: ids.length, stageDone: done, cursor: done ? null : locked[locked.length - 1]!.external_id };
}

const STEPS: Record<DeletionStage, (sql: Tx, t: Target, limit: number, cursor: string | null) => Promise<StepOutcome>> =
  {
    links: (sql, t, limit) => endLinks(sql, t, Math.min(limit, 500)),
    events: (sql, t, limit) => deleteEvents(sql, t, limit),
    decisions: (sql, t, limit) => deleteDecisions(sql, t, limit),
    users: (sql, t, _limit, cursor) => settleUsers(sql, t, cursor),
  };

export interface StepResult {
  rows: number;
  done: boolean;
  stage: DeletionStage | null;
}

/**
 * One step of a regulation's deletion and its progress, in one transaction: the regulation's row
 * lock serialises attempts (a retried activity next to one that has not noticed its end), and the
 * rows a step deleted are counted in the same commit, so none is deleted or counted twice. Null:
 * the regulation is gone (its organisation was deleted).
 */
export async function regulationStep(db: Db, regulationId: string, limit: number): Promise<StepResult | null> {
  return db.transaction(async (tx) => {
    const sql = rawClient(tx);
    const [reg] = await sql<(Target & { status: string; stage: number; cursor: string | null })[]>`
      select id, organization_id as "organizationId", type, user_ids as "userIds", cutoff_at as "cutoffAt",
        requested_by as "requestedBy", status, stage, cursor
      from user_regulations where id = ${regulationId} for update`;
    if (!reg) return null;
    const stage = DELETION_STAGES[reg.stage];
    if (reg.status !== 'RUNNING' || !deletesData(reg.type) || !stage || !reg.userIds) {
      return { rows: 0, done: true, stage: null };
    }
    const out = await STEPS[stage](sql, reg, limit, reg.cursor);
    const c = out.counts ?? {};
    await sql`
      update user_regulations set
        events_deleted = events_deleted + ${c.eventsDeleted ?? 0},
        decisions_deleted = decisions_deleted + ${c.decisionsDeleted ?? 0},
        links_ended = links_ended + ${c.linksEnded ?? 0},
        stage = stage + ${out.stageDone ? 1 : 0},
        cursor = ${out.stageDone ? null : (out.cursor ?? null)}
      where id = ${regulationId}`;
    const done = out.stageDone && reg.stage + 1 >= DELETION_STAGES.length;
    return { rows: out.rows, done, stage };
  });
}
