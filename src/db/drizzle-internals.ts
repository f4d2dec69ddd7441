/**
 * Every place MIR reaches into drizzle-orm beyond its public API, in one module so an upgrade has
 * one file to check. drizzle-orm is pinned to an exact version in package.json; each function here
 * has a canary in test/unit/library-canaries.test.ts that fails loudly when a release changes what
 * it relies on. Why these exist: docs/adr/0001-pipelined-transactions.md.
 */
import { PostgresJsSession, PostgresJsTransaction, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';

type AnyDb = PostgresJsDatabase<Record<string, unknown>>;
type SessionParts = { client: postgres.Sql; dialect: unknown; schema: unknown; options: unknown };

function sessionOf(handle: unknown): SessionParts {
  const session = (handle as { session?: SessionParts }).session;
  if (!session?.client) throw new Error('drizzle-orm internals changed: a handle has no session.client');
  return session;
}

/**
 * The postgres.js client under a drizzle handle or open transaction (drizzle keeps it as
 * `session.client`): hot paths use its tagged templates, which postgres.js prepares once per
 * connection, where a drizzle builder rebuilds and sends its text unprepared on every call.
 */
export function postgresClientOf(handle: unknown): postgres.Sql {
  return sessionOf(handle).client;
}

/**
 * A drizzle transaction handle over a connection the caller has already put in a transaction,
 * built from drizzle's own session and transaction classes with the database's dialect, schema and
 * options, so drizzle queries and raw statements share the connection.
 */
export function transactionOver<Tx>(db: AnyDb | object, connection: postgres.Sql): Tx {
  const { dialect, schema, options } = sessionOf(db);
  const Session = PostgresJsSession as unknown as new (...args: unknown[]) => object;
  const Transaction = PostgresJsTransaction as unknown as new (...args: unknown[]) => Tx;
  return new Transaction(dialect, new Session(connection, dialect, schema, options), schema);
}

/**
 * Puts every `db.transaction` behind `wrap` (the pool's gate). An own property on the instance
 * shadows drizzle's prototype method for every caller of that handle.
 */
export function wrapTransactions<D extends { transaction: (...args: never[]) => unknown }>(
  db: D,
  wrap: <T>(run: () => Promise<T>) => Promise<T>,
): void {
  const transaction = db.transaction.bind(db) as (...args: unknown[]) => Promise<unknown>;
  db.transaction = ((...args: unknown[]) => wrap(() => transaction(...args))) as unknown as D['transaction'];
}
