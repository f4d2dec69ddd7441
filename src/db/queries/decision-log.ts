import type postgres from 'postgres';
import { finished } from 'node:stream/promises';
import { type Executor, rawClient } from '../client';
import type { DecisionRow } from './policy';

const COLUMNS =
  'id, organization_id, actor_id, actor_type, action, decision, reasons, actor_tier, limits, inputs, created_at';

/** COPY's text format: its four special characters escaped, `\N` for null. */
const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const text = (value: string) => (SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ESCAPES[c]!) : value);
/** JSON text holds no raw tab, newline or carriage return (it escapes them), only backslashes. */
const json = (value: unknown) => {
  if (value === null || value === undefined) return '\\N';
  const written = JSON.stringify(value);
  return written.includes('\\') ? written.replaceAll('\\', '\\\\') : written;
};

/** One decision as a line of COPY text, in the order of COLUMNS. */
export function decisionLine(r: DecisionRow): string {
  return (
    `${text(r.id)}\t${text(r.organizationId)}\t${text(r.actorId)}\t${text(r.actorType)}\t${text(r.action)}\t` +
    `${text(r.decision)}\t${json(r.reasons)}\t${r.actorTier ?? '\\N'}\t${json(r.limits)}\t${json(r.inputs)}\t` +
    `${(r.createdAt ?? new Date()).toISOString()}\n`
  );
}

/** A retried batch Postgres had already committed, or one naming an organisation deleted since. */
const REPLAYABLE = new Set(['23505', '23503']);

async function copyLines(sql: postgres.Sql | postgres.TransactionSql, table: string, text: string): Promise<void> {
  const query = sql`copy ${sql(table)} (${sql.unsafe(COLUMNS)}) from stdin`;
  // postgres.js 3.4 never settles the stream of a COPY the server refuses after its last byte, or
  // whose connection drops (porsager/postgres#1173); the query itself still hears of it.
  const refused = new Promise<never>((_, reject) => {
    const internal = query as unknown as { reject: (err: unknown) => void };
    const settle = internal.reject;
    internal.reject = (err) => {
      reject(err);
      settle(err);
    };
  });
  refused.catch(() => undefined);
  const copy = await query.writable();
  copy.end(text);
  await Promise.race([finished(copy), refused]);
}

/**
 * Decisions as COPY text (lines of decisionLine), up to a thousand at a time: COPY is Postgres's
 * cheapest way in, a third less of the database's CPU per row than an insert parsing them from
 * JSON, which decided how many bulk decisions a second the machine could log. COPY knows no ON CONFLICT: a
 * batch it refuses for a row already there (a retry whose first try did commit) or an
 * organisation deleted since goes through a table of its own and an insert that skips those rows.
 */
export async function insertDecisionLines(db: Executor, text: string): Promise<void> {
  if (text === '') return;
  const sql = rawClient(db);
  // A connection of its own: postgres.js pipelines other queries onto a pooled one, which a COPY
  // in progress would read as rows. Released before any second try, so one flush never holds two.
  const connection = await sql.reserve();
  try {
    await copyLines(connection, 'policy_decisions', text);
    return;
  } catch (err) {
    if (!REPLAYABLE.has((err as { code?: string }).code ?? '')) throw err;
  } finally {
    connection.release();
  }
  await sql.begin(async (tx) => {
    await tx`create temp table decisions_in (like policy_decisions) on commit drop`;
    await copyLines(tx, 'decisions_in', text);
    await tx`
      insert into policy_decisions (${tx.unsafe(COLUMNS)})
      select ${tx.unsafe(COLUMNS)} from decisions_in x
      where exists (select 1 from organizations o where o.id = x.organization_id)
      on conflict do nothing`;
  });
}
