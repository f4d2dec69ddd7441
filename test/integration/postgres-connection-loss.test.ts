import { execFile } from 'node:child_process';
import path from 'node:path';
import { testEnv } from '../helpers/env';

/**
 * A connection Postgres ends mid-transaction (a restart, pg_terminate_backend) must fail that
 * transaction, not the process: postgres.js 3.4.9 threw an uncaught TypeError from the ROLLBACK it
 * wrote to the closed socket (porsager/postgres#1208; patched by patches/postgres+3.4.9.patch, see
 * docs/adr/0007-postgres-js-patch.md). Each case runs in a child process, as the bug ended its
 * process; both builds of the library are run, as tsx loads one and a plain ESM import the other.
 */
const FIXTURE = path.join(__dirname, '..', 'fixtures', 'postgres-connection-loss.mjs');

function runChild(flavour: string, way: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      [FIXTURE, testEnv().databaseUrl, flavour, way],
      { timeout: 60_000, cwd: path.join(__dirname, '..', '..') },
      (_err, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

describe('a Postgres connection cut during a transaction', () => {
  // reserve: the statement, the COMMIT queued behind it, and the pg_terminate_backend call.
  const failed = { begin: 'CONNECTION_CLOSED', reserve: 'CONNECTION_CLOSED,CONNECTION_CLOSED,ok' };
  it.each([
    ['cjs', 'begin'],
    ['cjs', 'reserve'],
    ['esm', 'begin'],
    ['esm', 'reserve'],
  ] as const)(
    '%s build, %s: the transaction fails with CONNECTION_CLOSED, the process lives on and the same pool answers next',
    async (flavour, way) => {
      const { code, stdout, stderr } = await runChild(flavour, way);
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      expect(JSON.parse(stdout)).toEqual({ transaction: failed[way], after: 1 });
    },
    90_000,
  );
});
