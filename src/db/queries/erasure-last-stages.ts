import { erasedRef } from '../../domain/erasure';
import { SCAN_WINDOW_ROWS, type Stage, audit, decisions, events, idempotency, patterns } from './erasure-stages';

/**
 * Webhook messages that name the person (link.*, member.claimed, the erasure's own notices) are
 * deleted with their deliveries and attempts once no delivery of theirs is still PENDING: a
 * partner is told first, then its copy of the message goes. A pass that met a pending one starts
 * over after a wait (the workflow sleeps), until a pass finds none left.
 */
const webhookMessages: Stage = {
  kind: 'webhookMessages',
  async step(sql, t, cursor) {
    const state = cursor ? (JSON.parse(cursor) as { after: string; pending: boolean }) : { after: '', pending: false };
    const window = await sql<{ id: string }[]>`
      select id from webhook_messages where id > ${state.after} order by id limit ${SCAN_WINDOW_ROWS}`;
    const p = patterns(t);
    const found = window.length
      ? await sql<{ deleted: number; pending: number }[]>`
          with hit as (
            select m.id, exists (select 1 from webhook_deliveries d where d.message_id = m.id and d.status = 'PENDING') as pending
            from webhook_messages m where m.id = any(${window.map((r) => r.id)}::text[]) and exists (
              select 1 from unnest(${p.orgs}::text[], ${p.likes}::text[]) as p(org, pat)
              where (p.org = '' or p.org = m.organization_id) and m.payload::text like p.pat)),
          deleted as (delete from webhook_messages m using hit where m.id = hit.id and not hit.pending returning 1)
          select (select count(*) from deleted)::int as deleted, (select count(*) from hit where pending)::int as pending`
      : [{ deleted: 0, pending: 0 }];
    const pending = state.pending || found[0]!.pending > 0;
    if (window.length === SCAN_WINDOW_ROWS) {
      return { erased: found[0]!.deleted, cursor: JSON.stringify({ after: window.at(-1)!.id, pending }), done: false };
    }
    // The end of a pass: over when nothing was pending, else again from the start once delivered.
    return { erased: found[0]!.deleted, cursor: null, done: !pending, waiting: pending };
  },
};

/**
 * The person's links (ended or not) and the partner users whose history the erasure deleted:
 * events that arrived meanwhile go with them (foreign keys), as do their link requests. A partner
 * user linked to another account since the request is that account's now and stays.
 */
const links: Stage = {
  kind: 'links',
  async step(sql, t) {
    const ended = await sql`delete from partner_links where mir_user_id = ${t.accountId}`;
    return { erased: ended.count, cursor: null, done: true };
  },
};

const partnerUsers: Stage = {
  kind: 'partnerUsers',
  async step(sql, t) {
    const gone = await sql`
      delete from partner_users u where u.id = any(${t.partnerUsers.map((p) => p.partnerUserId)}::text[])
        and not exists (select 1 from partner_links l where l.partner_user_id = u.id and l.unlinked_at is null)`;
    return { erased: gone.count, cursor: null, done: true };
  },
};

/** Columns naming who asked or decided, as `{type, id}`: a person acting as a member is `{type: 'user', id: <account>}`. */
const ACTOR_COLUMNS = [
  ['agent_spawn_requests', 'requested_by'],
  ['agent_spawn_requests', 'decided_by'],
  ['agent_revocation_operations', 'requested_by'],
  ['agent_key_rotations', 'requested_by'],
  ['user_regulations', 'requested_by'],
] as const;

/**
 * What a person did as a member (spawn requests they made or decided, kill switches, key
 * rotations, deletions they asked for) stays in the organisation's records, naming the account's
 * digest as the audit does. Management-sized tables: one statement per column, a column per step.
 */
const actors: Stage = {
  kind: 'actorsScrubbed',
  async step(sql, t, cursor) {
    const index = Number(cursor ?? 0);
    const [table, column] = ACTOR_COLUMNS[index]!;
    const scrubbed = await sql`
      update ${sql(table)} set ${sql(column)} = jsonb_set(${sql(column)}, '{id}', to_jsonb(${erasedRef(t.accountId)}::text))
      where ${sql(column)} @> jsonb_build_object('id', ${t.accountId}::text)`;
    const next = index + 1;
    return { erased: scrubbed.count, cursor: String(next), done: next >= ACTOR_COLUMNS.length };
  },
};

/**
 * In this order, which never changes for an erasure under way (its `stage` indexes this list):
 * add a stage at the end only. The account row and what is keyed by the address go last, in
 * finishErasure, in one transaction.
 */
export const ERASURE_STAGES: readonly Stage[] = [
  events,
  decisions,
  idempotency,
  audit,
  webhookMessages,
  links,
  partnerUsers,
  actors,
];
