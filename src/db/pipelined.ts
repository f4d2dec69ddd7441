import { PostgresJsSession, PostgresJsTransaction } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';
import type { Database, Db, Tx } from './client';

type SessionParts = { dialect: unknown; schema: unknown; options: unknown };

/** A drizzle transaction handle over a connection this module has already put in a transaction. */
function transactionOver(db: Db, connection: postgres.Sql): Tx {
  const { dialect, schema, options } = (db as unknown as { session: SessionParts }).session;
  const Session = PostgresJsSession as unknown as new (...args: unknown[]) => object;
  const Transaction = PostgresJsTransaction as unknown as new (...args: unknown[]) => Tx;
  return new Transaction(dialect, new Session(connection, dialect, schema, options), schema);
}

/**
 * A transaction whose BEGIN travels to Postgres with its first statement instead of costing a
 * round trip of its own (postgres.js' `begin` awaits it). Statements go out in the order they
 * are issued on the one reserved connection, so everything `fn` sends runs after the BEGIN.
 * Bounded by the pool's gate exactly as `db.transaction` is.
 */
export async function pipelinedTransaction<T>(database: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const run = async () => {
    const connection = await database.sql.reserve();
    try {
      const began = connection.unsafe('begin');
      // Sends it now; its outcome is awaited below, before the commit.
      began.catch(() => undefined);
      let result: T;
      try {
        result = await fn(transactionOver(database.db, connection));
        await began;
      } catch (err) {
        await connection.unsafe('rollback').catch(() => undefined);
        throw err;
      }
      await connection.unsafe('commit');
      return result;
    } finally {
      connection.release();
    }
  };
  return database.gate ? database.gate.run(run) : run();
}
