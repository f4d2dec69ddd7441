import { type SQL, and, desc, eq, getTableColumns, gte, inArray, sql } from 'drizzle-orm';
import type { MeetingStatus } from '../../../domain/mira/types';
import type { Executor } from '../../client';
import { miraMeetings } from '../../schema';
import { type PageRequest, type UpperBound, countAll, offsetOf, pageOf, upTo } from './pages';

export type MiraMeeting = typeof miraMeetings.$inferSelect;
export type NewMiraMeeting = Omit<typeof miraMeetings.$inferInsert, 'id' | 'status' | 'createdAt' | 'updatedAt'>;

export async function insertMiraMeeting(db: Executor, meeting: NewMiraMeeting): Promise<MiraMeeting> {
  const [row] = await db.insert(miraMeetings).values(meeting).returning();
  if (!row) throw new Error('meeting insert returned no row');
  return row;
}

export async function findMiraMeeting(db: Executor, id: string, organizationId?: string) {
  const where = organizationId
    ? and(eq(miraMeetings.id, id), eq(miraMeetings.organizationId, organizationId))
    : eq(miraMeetings.id, id);
  const [row] = await db.select().from(miraMeetings).where(where).limit(1);
  return row ?? null;
}

export interface MeetingFilter {
  status?: MeetingStatus;
  userId?: string;
  from?: Date;
  to?: UpperBound;
}

export function listMiraMeetings(db: Executor, organizationId: string, filter: MeetingFilter, page: PageRequest) {
  const conditions: Array<SQL | undefined> = [
    eq(miraMeetings.organizationId, organizationId),
    eq(miraMeetings.source, 'call'),
    filter.status ? eq(miraMeetings.status, filter.status) : undefined,
    filter.userId ? eq(miraMeetings.userId, filter.userId) : undefined,
    filter.from ? gte(miraMeetings.startedAt, filter.from) : undefined,
    upTo(miraMeetings.startedAt, filter.to),
  ];
  const where = and(...conditions);
  // The list omits transcripts: GET /meetings/{id} carries the full one.
  const { transcript: _transcript, ...columns } = getTableColumns(miraMeetings);
  return pageOf(
    db
      .select(columns)
      .from(miraMeetings)
      .where(where)
      .orderBy(desc(miraMeetings.startedAt), desc(miraMeetings.id))
      .limit(page.limit)
      .offset(offsetOf(page)),
    db.select({ total: countAll }).from(miraMeetings).where(where),
  );
}

/** Moves a meeting forward only from the states that lead there, so a retried activity changes nothing twice. */
export async function advanceMiraMeeting(
  db: Executor,
  id: string,
  from: readonly MeetingStatus[],
  to: MeetingStatus,
  extra: Partial<Pick<MiraMeeting, 'transcript' | 'failureReason'>> = {},
): Promise<MiraMeeting | null> {
  const stamp =
    to === 'fetched'
      ? { fetchedAt: sql`now()` }
      : to === 'processing'
        ? { processingAt: sql`now()` }
        : to === 'pending'
          ? {}
          : { finishedAt: sql`now()` };
  const [row] = await db
    .update(miraMeetings)
    .set({ status: to, updatedAt: sql`now()`, ...stamp, ...extra })
    .where(and(eq(miraMeetings.id, id), inArray(miraMeetings.status, [...from])))
    .returning();
  return row ?? null;
}
