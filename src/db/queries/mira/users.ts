import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../client';
import { miraUsers } from '../../schema';
import { type PageRequest, countAll, offsetOf, pageOf } from './pages';

export type MiraUser = typeof miraUsers.$inferSelect;

/** Null when the organisation already has a rep with this address (any letter case). */
export async function insertMiraUser(db: Executor, organizationId: string, user: { name: string; email: string }) {
  const [row] = await db
    .insert(miraUsers)
    .values({ organizationId, name: user.name, email: user.email })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

export async function findMiraUser(db: Executor, organizationId: string, id: string) {
  const [row] = await db
    .select()
    .from(miraUsers)
    .where(and(eq(miraUsers.organizationId, organizationId), eq(miraUsers.id, id)))
    .limit(1);
  return row ?? null;
}

export function listMiraUsers(db: Executor, organizationId: string, page: PageRequest) {
  const where = eq(miraUsers.organizationId, organizationId);
  return pageOf(
    db
      .select()
      .from(miraUsers)
      .where(where)
      .orderBy(asc(miraUsers.createdAt), asc(miraUsers.id))
      .limit(page.limit)
      .offset(offsetOf(page)),
    db.select({ total: countAll }).from(miraUsers).where(where),
  );
}
