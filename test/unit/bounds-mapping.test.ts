import { NamespaceNotFoundError } from '@temporalio/client';
import postgres from 'postgres';
import { toApiError } from '../../src/api/middleware/errors';
import { errorBody } from '../../src/domain/errors';

/**
 * Failures the chaos run met while Postgres restarted or Temporal came back: each is a moment's
 * outage, so the caller gets 503 with a bound (and Retry-After), never 500 internal_error.
 */
const answer = (err: unknown) => {
  const apiError = toApiError(err);
  return { status: apiError.status, body: errorBody(apiError, 'req_1') };
};

const pgError = (code: string, message: string) =>
  new (postgres as unknown as { PostgresError: new (x: object) => Error }).PostgresError({
    code,
    message,
    severity: 'FATAL',
  });

describe('a moment of outage is a 503 with a bound', () => {
  it.each([
    ['57P03', 'the database system is starting up'],
    ['57P03', 'the database system is not yet accepting connections'],
    ['57P01', 'terminating connection due to administrator command'],
    ['57P02', 'terminating connection because of crash of another server process'],
  ])('Postgres %s (%s): 503 timeout, bound pg_connection', (code, message) => {
    expect(answer(pgError(code, message))).toEqual({
      status: 503,
      body: {
        error: expect.objectContaining({
          code: 'timeout',
          details: expect.objectContaining({ bound: 'pg_connection' }),
        }),
      },
    });
  });

  it.each([
    ['ECONNRESET', 'read'],
    ['EPIPE', 'write'],
  ])('a socket to Postgres failing with %s as it goes down: 503 timeout, bound pg_connection', (code, syscall) => {
    // What postgres.js rejects a query with when the socket errors (the chaos run's seed 12 met it).
    const err = Object.assign(new Error(`${syscall} ${code}`), { code, syscall });
    expect(answer(err)).toEqual({
      status: 503,
      body: { error: expect.objectContaining({ details: expect.objectContaining({ bound: 'pg_connection' }) }) },
    });
  });

  it('the same error wrapped by drizzle (as its cause) is mapped alike', () => {
    const wrapped = Object.assign(new Error('Failed query: select 1'), {
      cause: pgError('57P03', 'the database system is starting up'),
    });
    expect(answer(wrapped).status).toBe(503);
  });

  it("Temporal's namespace not found (its cache lost after a restart): 503 timeout, bound temporal_call", () => {
    expect(answer(new NamespaceNotFoundError('default'))).toEqual({
      status: 503,
      body: {
        error: expect.objectContaining({
          code: 'timeout',
          details: expect.objectContaining({ bound: 'temporal_call' }),
        }),
      },
    });
  });

  it('other Postgres errors stay what they are: a unique violation is no outage', () => {
    expect(answer(pgError('23505', 'duplicate key value violates unique constraint')).status).toBe(500);
  });
});
