import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

export interface DecisionStats {
  /** Each UTC day of the window with its count per outcome (days without decisions are absent). */
  days: { day: string; decision: string; n: number }[];
  /** The most given reasons in the window, most given first. */
  reasons: { reason: string; n: number }[];
}

/**
 * An organisation's decision log summed over the last `days` UTC days (today included): outcomes
 * per day and the `topReasons` most given reasons. Reads policy_decisions_org_created_idx over
 * the window only, so older months cost nothing.
 */
export async function decisionStats(
  db: Executor,
  organizationId: string,
  window: { days: number; topReasons: number; now?: Date },
): Promise<DecisionStats & { since: Date }> {
  const now = window.now ?? new Date();
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (window.days - 1)));
  const [days, reasons] = await Promise.all([
    db.execute<{ day: string; decision: string; n: number }>(sql`
      select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as day, decision, count(*)::int as n
      from policy_decisions
      where organization_id = ${organizationId} and created_at >= ${since.toISOString()}::timestamptz
      group by 1, 2 order by 1, 2`),
    db.execute<{ reason: string; n: number }>(sql`
      select r.reason, count(*)::int as n
      from policy_decisions d cross join lateral jsonb_array_elements_text(d.reasons) as r(reason)
      where d.organization_id = ${organizationId} and d.created_at >= ${since.toISOString()}::timestamptz
      group by 1 order by 2 desc, 1 limit ${window.topReasons}`),
  ]);
  return { since, days: [...days], reasons: [...reasons] };
}
