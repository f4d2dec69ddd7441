import { NamespaceNotFoundError, ServiceError } from '@temporalio/client';
import { PoolTimeoutError } from '../db/gate';
import { type Bound, BoundExceeded } from '../domain/bounds';

const PG_CODES: Record<string, Bound> = {
  '57014': 'pg_statement',
  '25P03': 'pg_idle_in_transaction',
  // Postgres stopping, restarting after a crash, or still replaying its WAL: gone for a moment.
  '57P01': 'pg_connection',
  '57P02': 'pg_connection',
  '57P03': 'pg_connection',
  CONNECTION_CLOSED: 'pg_connection',
  CONNECTION_ENDED: 'pg_connection',
  CONNECTION_DESTROYED: 'pg_connection',
  CONNECT_TIMEOUT: 'pg_connection',
  ECONNREFUSED: 'pg_connection',
  // The socket itself reset as Postgres went down (postgres.js rejects the query with the socket's error).
  ECONNRESET: 'pg_connection',
  EPIPE: 'pg_connection',
};

/** gRPC DEADLINE_EXCEEDED and UNAVAILABLE, as @grpc/grpc-js numbers them. */
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

/** The first `code` of a type along the cause chain: drizzle and Temporal both wrap the real error. */
function codeOf<T extends 'number' | 'string'>(
  err: unknown,
  type: T,
): (T extends 'number' ? number : string) | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === type) return e.code as never;
  }
  return undefined;
}

/** Maps a failure of Postgres or Temporal to the bound it hit, or null when it is something else. */
export function asBoundExceeded(err: unknown): BoundExceeded | null {
  if (err instanceof BoundExceeded) return err;
  if (err instanceof PoolTimeoutError) {
    return new BoundExceeded(
      'pg_acquire',
      'The service is busy: no database connection was free; retry shortly',
      'overloaded',
    );
  }
  const pgCode = codeOf(err, 'string');
  const bound = pgCode === undefined ? undefined : PG_CODES[pgCode];
  if (bound) return new BoundExceeded(bound, 'The database did not answer in time; retry shortly');
  // A Temporal frontend that lost its namespace cache (a dev server after a restart or a long
  // pause answers so for seconds): the service cannot take the call now, as when it is down.
  if (err instanceof NamespaceNotFoundError) {
    return new BoundExceeded('temporal_call', 'The workflow service cannot take this call now; retry shortly');
  }
  if (err instanceof ServiceError) {
    const code = codeOf(err, 'number');
    if (code === GRPC_DEADLINE_EXCEEDED || code === GRPC_UNAVAILABLE) {
      return new BoundExceeded('temporal_call', 'The workflow service did not answer in time; retry shortly');
    }
  }
  return null;
}
