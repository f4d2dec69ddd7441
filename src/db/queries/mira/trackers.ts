import { eq, sql } from 'drizzle-orm';
import type { Trackers } from '../../../domain/mira/types';
import type { Executor } from '../../client';
import { miraTrackers } from '../../schema';

export type MiraTrackers = Trackers & { updatedAt: Date | null };

/** The organisation's tracked names; empty lists until it sets some. */
export async function findMiraTrackers(db: Executor, organizationId: string): Promise<MiraTrackers> {
  const [row] = await db.select().from(miraTrackers).where(eq(miraTrackers.organizationId, organizationId)).limit(1);
  return row
    ? { competitors: row.competitors, products: row.products, updatedAt: row.updatedAt }
    : { competitors: [], products: [], updatedAt: null };
}

/** Replaces both lists in one statement: of two PUTs at once, the later commit is what stays. */
export async function putMiraTrackers(db: Executor, organizationId: string, trackers: Trackers) {
  const [row] = await db
    .insert(miraTrackers)
    .values({ organizationId, ...trackers })
    .onConflictDoUpdate({
      target: miraTrackers.organizationId,
      set: { competitors: trackers.competitors, products: trackers.products, updatedAt: sql`now()` },
    })
    .returning();
  if (!row) throw new Error('trackers upsert returned no row');
  return { competitors: row.competitors, products: row.products, updatedAt: row.updatedAt };
}
