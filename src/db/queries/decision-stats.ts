import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

export interface DecisionStats {
  /** Each UTC day read with its count per outcome (days without decisions are absent). */
  days: { day: string; decision: string; n: number }[];
  /** The most given reasons among the decisions read, most given first. */
  reasons: { reason: string; n: number }[];
  /** The start of the window: the first of its UTC days. */
  since: Date;
  /** Set when the window held more than `maxRows`: only the newest were read, back to this instant. */
  cappedAt: Date | null;
  read: number;
}

/**
 * An organisation's decision log summed over the last `days` UTC days (today included): outcomes
 * per day and the `topReasons` most given reasons. At most the newest `maxRows` decisions are read
 * (one backward range of policy_decisions_org_created_idx), so a page costs the same whatever the
 * log's volume; `cappedAt` then says how far back the figures go.
 */
export async function decisionStats(
  db: Executor,
  organizationId: string,
  window: { days: number; topReasons: number; maxRows: number; now?: Date },
): Promise<DecisionStats> {
  const now = window.now ?? new Date();
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (window.days - 1)));
  // One read for both figures: grouped by day, outcome and the reasons' list (a handful of
  // distinct lists), which are then counted one by one below.
  const groups = await db.execute<{ day: string; decision: string; reasons: string; n: number; oldest: number }>(sql`
    with recent as (
      select created_at, decision, reasons from policy_decisions
      where organization_id = ${organizationId} and created_at >= ${since.toISOString()}::timestamptz
      order by created_at desc limit ${window.maxRows})
    select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as day, decision, reasons::text as reasons,
      count(*)::int as n, (extract(epoch from min(created_at)) * 1000)::float8 as oldest
    from recent group by 1, 2, 3`);
  const rows = [...groups];
  const days = new Map<string, { day: string; decision: string; n: number }>();
  const reasons = new Map<string, number>();
  let read = 0;
  let oldest: Date | null = null;
  for (const g of rows) {
    const key = `${g.day} ${g.decision}`;
    days.set(key, { day: g.day, decision: g.decision, n: (days.get(key)?.n ?? 0) + g.n });
    for (const r of JSON.parse(g.reasons) as string[]) reasons.set(r, (reasons.get(r) ?? 0) + g.n);
    read += g.n;
    const at = new Date(Number(g.oldest));
    if (!oldest || at < oldest) oldest = at;
  }
  return {
    since,
    days: [...days.values()].sort((a, b) => a.day.localeCompare(b.day) || a.decision.localeCompare(b.decision)),
    reasons: [...reasons.entries()]
      .map(([reason, n]) => ({ reason, n }))
      .sort((a, b) => b.n - a.n || a.reason.localeCompare(b.reason))
      .slice(0, window.topReasons),
    cappedAt: read >= window.maxRows ? oldest : null,
    read,
  };
}
