import { and, gt, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { throttleFailures } from '../schema';

/** The most failures any of the scopes had in the window, and when the oldest of those leaves it. */
export async function recentFailures(db: Executor, scopes: string[], windowMinutes: number) {
  const rows = await db
    .select({
      scope: throttleFailures.scope,
      n: sql<number>`count(*)::int`,
      oldest: sql<string>`min(${throttleFailures.createdAt})`,
    })
    .from(throttleFailures)
    .where(
      and(
        inArray(throttleFailures.scope, scopes),
        gt(throttleFailures.createdAt, sql`now() - make_interval(mins => ${windowMinutes})`),
      ),
    )
    .groupBy(throttleFailures.scope);
  const worst = rows.reduce((a, r) => (r.n > a.n ? r : a), { n: 0, oldest: '' });
  const retryAfterSeconds = worst.oldest
    ? Math.max(1, Math.ceil((new Date(worst.oldest).getTime() + windowMinutes * 60_000 - Date.now()) / 1000))
    : 0;
  return { count: worst.n, retryAfterSeconds };
}

export async function recordFailure(db: Executor, scopes: string[]): Promise<void> {
  await db.insert(throttleFailures).values(scopes.map((scope) => ({ scope })));
  // Keep the table to about the window's worth of rows.
  if (Math.random() < 0.02)
    await db.delete(throttleFailures).where(sql`${throttleFailures.createdAt} < now() - interval '1 day'`);
}
