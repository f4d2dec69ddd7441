import { ApiError } from './errors';

/** The bounds a request can hit; named in the log line and the error details. */
export type Bound =
  | 'pg_acquire'
  | 'pg_statement'
  | 'pg_idle_in_transaction'
  | 'pg_connection'
  | 'temporal_call'
  | 'response'
  | 'event_queue'
  | 'bulk_queue'
  | 'decision_buffer'
  | 'access_log_buffer'
  | 'argon2';

/** How long a caller should wait before retrying after a bound fired. */
export const RETRY_AFTER_SECONDS = 2;

/** A 503 that says which bound fired; errorHandler logs the bound and sets Retry-After. */
export class BoundExceeded extends ApiError {
  constructor(
    readonly bound: Bound,
    message: string,
    code: 'overloaded' | 'timeout' = 'timeout',
  ) {
    super(code, message, { bound, retryAfterSeconds: RETRY_AFTER_SECONDS });
  }
}
