import type { SQL } from 'drizzle-orm';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Db = PostgresJsDatabase<typeof schema>;
/** A database handle or an open transaction: query functions accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  sql: postgres.Sql;
  close(): Promise<void>;
}

export function createDatabase(url: string, options: { max?: number } = {}): Database {
  const sql = postgres(url, { max: options.max ?? 10, onnotice: () => undefined, connect_timeout: 10 });
  return { db: drizzle(sql, { schema }), sql, close: () => sql.end({ timeout: 5 }) };
}

interface DrizzleInternals {
  session: {
    prepareQuery(query: unknown, fields: undefined, name: string, arrayMode: boolean): { execute(): Promise<unknown> };
  };
  dialect: { sqlToQuery(query: SQL): unknown };
}

/**
 * Runs a raw statement as a named prepared statement: drizzle prepares only named builder
 * queries, and a hot path should not be parsed and planned on every call.
 */
export async function executePrepared<T>(db: Executor, name: string, query: SQL): Promise<T[]> {
  const internals = db as unknown as DrizzleInternals;
  return (await internals.session
    .prepareQuery(internals.dialect.sqlToQuery(query), undefined, name, false)
    .execute()) as T[];
}
