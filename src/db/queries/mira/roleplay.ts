import { type SQL, and, desc, eq } from 'drizzle-orm';
import type { MeetingStatus } from '../../../domain/mira/types';
import type { Executor } from '../../client';
import { miraMeetings, miraReports, miraRoleplaySessions } from '../../schema';
import { type MiraMeeting, type NewMiraMeeting, insertMiraMeeting } from './meetings';
import { type PageRequest, countAll, offsetOf, pageOf } from './pages';

/**
 * The session and the meeting that carries its conversation through the pipeline, together, with
 * whatever `alsoWrite` adds in their transaction (the pipeline's start).
 */
export async function insertRoleplaySession(
  db: Executor,
  scenario: string,
  meeting: NewMiraMeeting,
  alsoWrite: (tx: Executor, meeting: MiraMeeting) => Promise<void>,
) {
  return db.transaction(async (tx) => {
    const row = await insertMiraMeeting(tx, { ...meeting, source: 'roleplay' });
    await alsoWrite(tx, row);
    const [session] = await tx
      .insert(miraRoleplaySessions)
      .values({ organizationId: row.organizationId, userId: row.userId, scenario, meetingId: row.id })
      .returning();
    if (!session) throw new Error('roleplay insert returned no row');
    return { session, meeting: row };
  });
}

const sessionColumns = {
  id: miraRoleplaySessions.id,
  userId: miraRoleplaySessions.userId,
  scenario: miraRoleplaySessions.scenario,
  meetingId: miraRoleplaySessions.meetingId,
  createdAt: miraRoleplaySessions.createdAt,
  callType: miraMeetings.callType,
  status: miraMeetings.status,
  failureReason: miraMeetings.failureReason,
  finishedAt: miraMeetings.finishedAt,
  reportId: miraReports.id,
  overallScore: miraReports.overallScore,
};

export function listRoleplaySessions(
  db: Executor,
  organizationId: string,
  filter: { userId?: string; status?: MeetingStatus },
  page: PageRequest,
) {
  const conditions: Array<SQL | undefined> = [
    eq(miraRoleplaySessions.organizationId, organizationId),
    filter.userId ? eq(miraRoleplaySessions.userId, filter.userId) : undefined,
    filter.status ? eq(miraMeetings.status, filter.status) : undefined,
  ];
  const where = and(...conditions);
  const joined = () =>
    db
      .select(sessionColumns)
      .from(miraRoleplaySessions)
      .innerJoin(miraMeetings, eq(miraMeetings.id, miraRoleplaySessions.meetingId))
      .leftJoin(miraReports, eq(miraReports.meetingId, miraRoleplaySessions.meetingId));
  return pageOf(
    joined()
      .where(where)
      .orderBy(desc(miraRoleplaySessions.createdAt), desc(miraRoleplaySessions.id))
      .limit(page.limit)
      .offset(offsetOf(page)),
    db
      .select({ total: countAll })
      .from(miraRoleplaySessions)
      .innerJoin(miraMeetings, eq(miraMeetings.id, miraRoleplaySessions.meetingId))
      .where(where),
  );
}

export async function findRoleplaySession(db: Executor, organizationId: string, id: string) {
  const [row] = await db
    .select(sessionColumns)
    .from(miraRoleplaySessions)
    .innerJoin(miraMeetings, eq(miraMeetings.id, miraRoleplaySessions.meetingId))
    .leftJoin(miraReports, eq(miraReports.meetingId, miraRoleplaySessions.meetingId))
    .where(and(eq(miraRoleplaySessions.organizationId, organizationId), eq(miraRoleplaySessions.id, id)))
    .limit(1);
  return row ?? null;
}
