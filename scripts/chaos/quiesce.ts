import postgres from 'postgres';
import { sleep } from './stack/child';

/** What still moves: each a count that must reach zero before the facts are read. */
const STILL_MOVING = {
  deliveries: `select count(*)::int as n from webhook_deliveries where status = 'PENDING'`,
  switches: `select count(*)::int as n from agent_revocation_operations where status <> 'COMPLETED'`,
  meetings: `select count(*)::int as n from mira_meetings where status not in ('completed', 'failed', 'no_transcript')`,
  spawns: `select count(*)::int as n from agent_spawn_requests where status = 'PENDING_APPROVAL' and expires_at < now()`,
  erasures: `select count(*)::int as n from account_erasures where completed_at is null`,
  regulations: `select count(*)::int as n from user_regulations where status = 'RUNNING'`,
};

/**
 * Waits until the system has settled (every delivery, kill switch, meeting, expired spawn,
 * erasure and regulation done), at most `timeoutMs`; then the checker says what did not settle. Returns what
 * was still moving at the end (empty when everything settled) and how long it took.
 */
export async function quiesce(databaseUrl: string, timeoutMs: number): Promise<{ ms: number; moving: string[] }> {
  const started = Date.now();
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => undefined });
  let moving: string[];
  try {
    for (;;) {
      moving = [];
      for (const [name, query] of Object.entries(STILL_MOVING)) {
        const n = ((await sql.unsafe(query))[0]?.n as number) ?? 0;
        if (n > 0) moving.push(`${n} ${name}`);
      }
      if (moving.length === 0 || Date.now() - started > timeoutMs) break;
      await sleep(1000);
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
  return { ms: Date.now() - started, moving };
}
