import postgres from 'postgres';
import { testEnv } from './env';

/** A direct connection for asserting what landed in Postgres; tests never write through it. */
export function testSql() {
  return postgres(testEnv().databaseUrl, { max: 2, onnotice: () => undefined });
}

/**
 * Resolves once another session waits on a lock that the session `holderPid` holds: proof that a
 * statement reached Postgres and is blocked there, not a guess at how long it takes to get there.
 * Polls often, as the waits it proves are bounded by statement timeouts.
 */
export async function lockWaitersOn(sql: postgres.Sql, holderPid: number, timeoutMs = 30_000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await sql<{ pid: number }[]>`
      select pid from pg_stat_activity where ${holderPid}::int = any(pg_blocking_pids(pid))`;
    if (rows.length > 0) return rows.map((r) => r.pid);
    if (Date.now() > deadline) throw new Error(`no session waited on a lock of ${holderPid} in time`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
