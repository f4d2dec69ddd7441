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

/**
 * The postgres.js client under a drizzle handle or open transaction. Hot paths write their SQL
 * with its tagged templates: postgres.js prepares each statement once per connection, where a
 * drizzle builder would rebuild the query text on every call.
 */
export function rawClient(db: Executor): postgres.Sql {
  return (db as unknown as { session: { client: postgres.Sql } }).session.client;
}
