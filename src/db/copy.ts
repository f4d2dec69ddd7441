import type postgres from 'postgres';
import { finished } from 'node:stream/promises';
import { type Executor, rawClient } from './client';

/** COPY's text format: its four special characters escaped, `\N` for null. */
const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
export const copyText = (value: string) => (SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ESCAPES[c]!) : value);
export const copyNullableText = (value: string | null | undefined) => (value == null ? '\\N' : copyText(value));
/** JSON text holds no raw tab, newline or carriage return (it escapes them), only backslashes. */
export const copyJson = (value: unknown) => {
  if (value === null || value === undefined) return '\\N';
  const written = JSON.stringify(value);
  return written.includes('\\') ? written.replaceAll('\\', '\\\\') : written;
};

/** A retried batch Postgres had already committed, or one naming a row deleted since. */
const REPLAYABLE = new Set(['23505', '23503']);

/** Lines of COPY text (one row each, columns in the order given) into `table`. */
async function copyLines(
  sql: postgres.Sql | postgres.TransactionSql,
  table: string,
  columns: string,
  text: string,
): Promise<void> {
  const query = sql`copy ${sql(table)} (${sql.unsafe(columns)}) from stdin`;
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
 * Rows as COPY text (one line each, columns in the order of `columns`) into `table`: COPY is
 * Postgres's cheapest way in. It knows no ON CONFLICT: a batch it refuses for a row already there
 * (a retry whose first try did commit) or one whose referenced row went since goes through a table
 * of its own and an insert that keeps the rows `keep` (SQL over the staged row `x`) accepts.
 */
export async function insertCopyLines(
  db: Executor,
  target: { table: string; columns: string; keep: string },
  text: string,
): Promise<void> {
  if (text === '') return;
  const sql = rawClient(db);
  // A connection of its own: postgres.js pipelines other queries onto a pooled one, which a COPY
  // in progress would read as rows. Released before any second try, so one flush never holds two.
  const connection = await sql.reserve();
  try {
    await copyLines(connection, target.table, target.columns, text);
    return;
  } catch (err) {
    if (!REPLAYABLE.has((err as { code?: string }).code ?? '')) throw err;
  } finally {
    connection.release();
  }
  const staging = `${target.table}_in`;
  await sql.begin(async (tx) => {
    await tx`create temp table ${tx(staging)} (like ${tx(target.table)}) on commit drop`;
    await copyLines(tx, staging, target.columns, text);
    await tx`
      insert into ${tx(target.table)} (${tx.unsafe(target.columns)})
      select ${tx.unsafe(target.columns)} from ${tx(staging)} x
      where ${tx.unsafe(target.keep)}
      on conflict do nothing`;
  });
}
