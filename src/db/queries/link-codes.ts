import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { linkRequests } from '../schema';

/**
 * A new code replaces the partner user's earlier pending ones: they are closed (EXPIRED) at once,
 * so each partner user has at most one live code and guessers have fewer live codes to hit.
 * Their workflows keep running until their own deadline; the closed row alone refuses a redeem.
 */
export async function supersedePendingCodes(db: Executor, partnerUserId: string): Promise<void> {
  await db
    .update(linkRequests)
    .set({ status: 'EXPIRED', decidedAt: sql`now()` })
    .where(
      and(
        eq(linkRequests.partnerUserId, partnerUserId),
        eq(linkRequests.kind, 'code'),
        eq(linkRequests.status, 'PENDING'),
      ),
    );
}

/** The code's hash hit an existing row (any status): draw another code. */
export function isSecretHashConflict(err: unknown): boolean {
  const cause = (err as { cause?: { code?: string; constraint_name?: string } })?.cause ?? err;
  const pg = cause as { code?: string; constraint_name?: string };
  return pg?.code === '23505' && pg.constraint_name === 'link_requests_secret_hash_unique';
}
