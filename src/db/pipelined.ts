import type { Database, Tx } from './client';
import { transactionOver } from './drizzle-internals';

/**
 * Sends the COMMIT now, behind every statement already sent, without waiting for their answers;
 * `fn` must still await each of them. If one of them failed, Postgres answers this COMMIT with a
 * rollback, and `fn` throws that statement's error. Once it is sent, nothing `fn` throws for
 * another reason can undo the transaction.
 */
export type CommitNow = () => void;

/**
 * A transaction whose BEGIN travels to Postgres with its first statement instead of costing a
 * round trip of its own (postgres.js' `begin` awaits it). Statements go out in the order they
 * are issued on the one reserved connection, so everything `fn` sends runs after the BEGIN.
 * `fn` may also send the COMMIT with its last statements (`commitNow`). Bounded by the pool's
 * gate exactly as `db.transaction` is.
 */
export async function pipelinedTransaction<T>(
  database: Database,
  fn: (tx: Tx, commitNow: CommitNow) => Promise<T>,
): Promise<T> {
  const run = async () => {
    const connection = await database.sql.reserve();
    const sent: { commit?: Promise<unknown> } = {};
    // postgres.js dispatches a query a microtask or two after it is awaited; a macrotask later,
    // every statement `fn` issued so far has been dispatched, and the COMMIT joins the last of them
    // in one write (postgres.js writes early whenever its buffer passes 1 KiB).
    const commitNow = () => {
      sent.commit ??= new Promise((resolve) => setImmediate(resolve)).then(() => connection.unsafe('commit'));
      sent.commit.catch(() => undefined);
    };
    try {
      const began = connection.unsafe('begin');
      // Sends it now; its outcome is awaited below, before the commit.
      began.catch(() => undefined);
      let result: T;
      try {
        result = await fn(transactionOver<Tx>(database.db, connection), commitNow);
        await began;
        await (sent.commit ?? connection.unsafe('commit'));
      } catch (err) {
        // A COMMIT already on its way must be answered before the connection goes back to the pool.
        if (sent.commit) await sent.commit.catch(() => undefined);
        await connection.unsafe('rollback').catch(() => undefined);
        throw err;
      }
      return result;
    } finally {
      connection.release();
    }
  };
  return database.gate ? database.gate.run(run) : run();
}
