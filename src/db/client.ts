import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Config } from '../config';
import { postgresClientOf, wrapTransactions } from './drizzle-internals';
import { TransactionGate } from './gate';
import * as schema from './schema';

export type Db = PostgresJsDatabase<typeof schema>;
/** A database handle or an open transaction: query functions accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  sql: postgres.Sql;
  /** The bounded gate in front of transactions, when the pool has one (the API's). */
  gate?: TransactionGate;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  max?: number;
  /** How long a transaction may wait for a connection before it fails with PoolTimeoutError. */
  acquireTimeoutMs?: number;
  /** Postgres cancels a statement running longer (error 57014). */
  statementTimeoutMs?: number;
  /** Postgres ends a session idle inside a transaction for longer (error 25P03). */
  idleInTransactionTimeoutMs?: number;
  /**
   * The process's TEMPORAL_TASK_QUEUE, set on every connection as `mir.task_queue`: the queue a
   * workflow start written through this pool (the outbox's default) runs on. Without it the
   * pool cannot queue a start.
   */
  taskQueue?: string;
}

/**
 * A postgres.js pool whose waits are all bounded. Transactions, the only callers that hold a
 * connection across several round trips, pass a gate that admits at most `max - 2` at once and
 * fails a wait after `acquireTimeoutMs`: so single statements (authentication, /ready, admin
 * reads) always find a connection, and a burst of transactions cannot starve the process.
 */
export function createDatabase(url: string, options: DatabaseOptions = {}): Database {
  const max = options.max ?? 10;
  const connection: Record<string, string> = {};
  if (options.statementTimeoutMs) connection.statement_timeout = String(options.statementTimeoutMs);
  if (options.idleInTransactionTimeoutMs) {
    connection.idle_in_transaction_session_timeout = String(options.idleInTransactionTimeoutMs);
  }
  if (options.taskQueue) connection['mir.task_queue'] = options.taskQueue;
  const sql = postgres(url, { max, onnotice: () => undefined, connect_timeout: 10, connection });
  const db = drizzle(sql, { schema });
  let gate: TransactionGate | undefined;
  if (options.acquireTimeoutMs) {
    const bounded = new TransactionGate(Math.max(1, max - 2), options.acquireTimeoutMs);
    wrapTransactions(db, (run) => bounded.run(run));
    gate = bounded;
  }
  return { db, sql, gate, close: () => sql.end({ timeout: 5 }) };
}

/**
 * The postgres.js client under a drizzle handle or open transaction. Hot paths write their SQL
 * with its tagged templates: postgres.js prepares each statement once per connection, where a
 * drizzle builder would rebuild the query text on every call.
 */
export function rawClient(db: Executor): postgres.Sql {
  return postgresClientOf(db);
}

/** The API's pool: every wait bounded, as docs/api.md "Limits and timeouts" says. */
export function apiDatabaseOptions(config: Config): DatabaseOptions {
  return {
    max: config.MIR_PG_POOL_MAX,
    acquireTimeoutMs: config.MIR_PG_ACQUIRE_TIMEOUT_MS,
    statementTimeoutMs: config.MIR_PG_STATEMENT_TIMEOUT_MS,
    idleInTransactionTimeoutMs: config.MIR_PG_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
  };
}

/** The worker's pool: activities run big batches, and a timed-out activity is simply retried. */
export function workerDatabaseOptions(config: Config): DatabaseOptions {
  return {
    max: config.MIR_PG_POOL_MAX,
    statementTimeoutMs: config.MIR_WORKER_PG_STATEMENT_TIMEOUT_MS,
    idleInTransactionTimeoutMs: config.MIR_WORKER_PG_STATEMENT_TIMEOUT_MS,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
  };
}
