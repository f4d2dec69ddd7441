import type postgres from 'postgres';
import { type ErasureTargets, erasedValues, jsonLikePattern, scrubJson, scrubText } from '../../domain/erasure';

/** Rows deleted per statement: short row locks, and a worker that dies loses at most one chunk. */
export const ERASE_CHUNK_ROWS = 1_000;
/** Rows read per step of a pass over a whole table (the ones searched by their text). */
export const SCAN_WINDOW_ROWS = 5_000;

export interface StepResult {
  /** Rows erased by this step, counted as `kind` (and for the organisation, when it is one's). */
  erased: number;
  organizationId?: string;
  /** Where the next step starts; ignored once done. */
  cursor: string | null;
  done: boolean;
  /** Nothing to do until webhook deliveries finish: the workflow waits before the next step. */
  waiting?: boolean;
}

/**
 * One stage of an erasure: a step erases at most a chunk and returns where the next one starts.
 * Steps run inside the transaction that also records their count and cursor on the erasure
 * (src/db/queries/erasure-progress.ts), so a step is either wholly done and counted, or not at all.
 */
export interface Stage {
  kind: string;
  step(sql: postgres.Sql, t: ErasureTargets, cursor: string | null): Promise<StepResult>;
}

/** A stage that deletes, one partner user after the other (the cursor is the index of the current one). */
function perPartnerUser(
  kind: string,
  remove: (sql: postgres.Sql, u: ErasureTargets['partnerUsers'][number]) => Promise<number>,
): Stage {
  return {
    kind,
    async step(sql, t, cursor) {
      const index = Number(cursor ?? 0);
      const user = t.partnerUsers[index];
      if (!user) return { erased: 0, cursor: null, done: true };
      const erased = await remove(sql, user);
      const next = erased < ERASE_CHUNK_ROWS ? index + 1 : index;
      return { erased, organizationId: user.organizationId, cursor: String(next), done: next >= t.partnerUsers.length };
    },
  };
}

const events = perPartnerUser(
  'events',
  async (sql, u) =>
    (
      await sql`delete from events where id in (
        select id from events where partner_user_id = ${u.partnerUserId}
        order by occurred_at desc nulls last, id desc nulls last limit ${ERASE_CHUNK_ROWS})`
    ).count,
);

/** The decision log names a person by the partner's id for them, as the actor of a human decision. */
const decisions = perPartnerUser(
  'decisions',
  async (sql, u) =>
    (
      await sql`delete from policy_decisions where id in (
        select id from policy_decisions
        where organization_id = ${u.organizationId} and actor_type = 'human' and actor_id = ${u.externalId}
        limit ${ERASE_CHUNK_ROWS})`
    ).count,
);

/** The values as parallel arrays for `unnest`, with the organisation each applies to ('' for any). */
function patterns(t: ErasureTargets) {
  const values = erasedValues(t);
  return {
    values,
    orgs: values.map((v) => v.organizationId ?? ''),
    likes: values.map(jsonLikePattern),
    texts: values.map((v) => v.value),
    // postgres.js sends a boolean array as one boolean: as text, 'whole' or 'part'.
    wholes: values.map((v) => (v.whole ? 'whole' : 'part')),
  };
}

/**
 * Stored idempotent answers: the person's own (scope `user:<id>`) and any whose key names them
 * (a partner may build keys from an address) are deleted; a partner's answer that names them (an
 * event, an invite, a member import) keeps its status and loses its body, so a retry with that
 * key still replays (now `{}`) instead of doing the work again.
 */
const idempotency: Stage = {
  kind: 'idempotencyReplays',
  async step(sql, t, cursor) {
    const [afterScope, afterKey] = cursor ? (JSON.parse(cursor) as [string, string]) : ['', ''];
    const window = await sql<{ scope: string; key: string }[]>`
      select scope, key from idempotency_keys where (scope, key) > (${afterScope}, ${afterKey})
      order by scope, key limit ${SCAN_WINDOW_ROWS}`;
    const last = window.at(-1);
    if (!last) return { erased: 0, cursor: null, done: true };
    const p = patterns(t);
    const own = `user:${t.accountId}`;
    const found = await sql`
      with w as (select * from unnest(${window.map((r) => r.scope)}::text[], ${window.map((r) => r.key)}::text[]) as w(scope, key)),
      p as (select * from unnest(${p.orgs}::text[], ${p.likes}::text[], ${p.texts}::text[], ${p.wholes}::text[])
        as p(org, pat, value, whole)),
      hit as (
        select i.scope, i.key, i.scope = ${own} or exists (
            select 1 from p where p.whole = 'part' and strpos(i.key, p.value) > 0) as drop
        from idempotency_keys i join w using (scope, key)
        where i.scope = ${own} or exists (
          select 1 from p where (p.org = '' or i.scope = 'org:' || p.org or i.scope like 'org:' || p.org || ':%')
            and (i.response_body::text like p.pat or (p.whole = 'part' and strpos(i.key, p.value) > 0)))),
      dropped as (delete from idempotency_keys i using hit where i.scope = hit.scope and i.key = hit.key and hit.drop returning 1),
      emptied as (update idempotency_keys i set response_body = null from hit
        where i.scope = hit.scope and i.key = hit.key and not hit.drop returning 1)
      select (select count(*) from dropped)::int + (select count(*) from emptied)::int as n`;
    const done = window.length < SCAN_WINDOW_ROWS;
    return { erased: found[0]!.n as number, cursor: JSON.stringify([last.scope, last.key]), done };
  },
};

/**
 * Audit entries stay (an organisation's trail keeps its shape) but name nobody: the ids become
 * digests (erasedRef) and the address a placeholder, wherever they appear.
 */
const audit: Stage = {
  kind: 'auditEntriesScrubbed',
  async step(sql, t, cursor) {
    const window = await sql<{ id: string }[]>`
      select id from audit_log where id > ${cursor ?? ''} order by id limit ${SCAN_WINDOW_ROWS}`;
    const last = window.at(-1);
    if (!last) return { erased: 0, cursor: null, done: true };
    const p = patterns(t);
    const rows = await sql<{ id: string; org: string; actor: string | null; target: string; details: string }[]>`
      select a.id, a.organization_id as org, a.actor_id as actor, a.target_id as target, a.details::text as details
      from audit_log a where a.id = any(${window.map((r) => r.id)}::text[]) and exists (
        select 1 from unnest(${p.orgs}::text[], ${p.likes}::text[], ${p.texts}::text[], ${p.wholes}::text[])
          as p(org, pat, value, whole)
        where (p.org = '' or p.org = a.organization_id) and (a.details::text like p.pat
          or (p.whole = 'whole' and (a.actor_id = p.value or a.target_id = p.value))
          or (p.whole = 'part' and (strpos(a.actor_id, p.value) > 0 or strpos(a.target_id, p.value) > 0))))`;
    if (rows.length > 0) {
      await sql`
        update audit_log a set actor_id = v.actor, target_id = v.target, details = v.details::jsonb
        from unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => scrubText(r.actor, p.values, r.org))}::text[],
          ${rows.map((r) => scrubText(r.target, p.values, r.org)!)}::text[],
          ${rows.map((r) => scrubJson(r.details, p.values, r.org))}::text[]) as v(id, actor, target, details)
        where a.id = v.id`;
    }
    return { erased: rows.length, cursor: last.id, done: window.length < SCAN_WINDOW_ROWS };
  },
};

export { audit, decisions, events, idempotency, patterns };
