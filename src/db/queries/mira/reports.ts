import { type SQL, and, desc, eq, getTableColumns, gte, lte } from 'drizzle-orm';
import type { ScoreResult } from '../../../domain/mira/types';
import type { Executor } from '../../client';
import { miraInsights, miraMeetings, miraReports, miraRoleplaySessions } from '../../schema';
import { advanceMiraMeeting } from './meetings';
import { type PageRequest, type UpperBound, countAll, offsetOf, pageOf, upTo } from './pages';

type ReportRow = typeof miraReports.$inferSelect;
/** A report, with the roleplay session it scored (null for a call): its meeting is not one a caller can read. */
export type MiraReport = ReportRow & { roleplaySessionId: string | null };

const reportColumns = { ...getTableColumns(miraReports), roleplaySessionId: miraRoleplaySessions.id };
const reportsWithSessions = (db: Executor) =>
  db
    .select(reportColumns)
    .from(miraReports)
    .leftJoin(miraRoleplaySessions, eq(miraRoleplaySessions.meetingId, miraReports.meetingId));

export interface ReportWrite {
  meetingId: string;
  template: { id: string | null; name: string };
  result: ScoreResult;
}

/**
 * The report, its insights and the meeting's `completed` status in one transaction. A retry after
 * a commit finds the report (one per meeting) and writes nothing again.
 */
export async function completeMiraMeeting(db: Executor, write: ReportWrite): Promise<ReportRow> {
  return db.transaction(async (tx) => {
    const [meeting] = await tx.select().from(miraMeetings).where(eq(miraMeetings.id, write.meetingId)).for('update');
    if (!meeting) throw new Error(`meeting ${write.meetingId} is gone`);
    const [existing] = await tx.select().from(miraReports).where(eq(miraReports.meetingId, meeting.id));
    if (existing) return existing;
    const { result } = write;
    const [report] = await tx
      .insert(miraReports)
      .values({
        organizationId: meeting.organizationId,
        meetingId: meeting.id,
        userId: meeting.userId,
        templateId: write.template.id,
        templateName: write.template.name,
        scorer: result.scorer,
        overallScore: result.overallScore,
        criteriaScores: result.criteria,
        strengths: result.strengths,
        improvements: result.improvements,
        nextSteps: result.nextSteps,
        summary: result.summary,
        metrics: result.metrics,
      })
      .returning();
    if (!report) throw new Error('report insert returned no row');
    if (result.insights.length > 0) {
      await tx.insert(miraInsights).values(
        result.insights.map((insight, position) => ({
          organizationId: meeting.organizationId,
          meetingId: meeting.id,
          kind: insight.kind,
          summary: insight.summary,
          quote: insight.quote,
          position,
          prospectIndustry: meeting.prospectIndustry,
          prospectTitle: meeting.prospectTitle,
          meetingStartedAt: meeting.startedAt,
        })),
      );
    }
    await advanceMiraMeeting(tx, meeting.id, ['processing', 'fetched'], 'completed');
    return report;
  });
}

export async function findMiraReport(db: Executor, organizationId: string, id: string) {
  const [row] = await reportsWithSessions(db)
    .where(and(eq(miraReports.organizationId, organizationId), eq(miraReports.id, id)))
    .limit(1);
  return row ?? null;
}

export interface ReportFilter {
  userId?: string;
  meetingId?: string;
  from?: Date;
  to?: UpperBound;
  minScore?: number;
  maxScore?: number;
}

export function listMiraReports(db: Executor, organizationId: string, filter: ReportFilter, page: PageRequest) {
  const conditions: Array<SQL | undefined> = [
    eq(miraReports.organizationId, organizationId),
    filter.userId ? eq(miraReports.userId, filter.userId) : undefined,
    filter.meetingId ? eq(miraReports.meetingId, filter.meetingId) : undefined,
    filter.from ? gte(miraReports.createdAt, filter.from) : undefined,
    upTo(miraReports.createdAt, filter.to),
    filter.minScore === undefined ? undefined : gte(miraReports.overallScore, filter.minScore),
    filter.maxScore === undefined ? undefined : lte(miraReports.overallScore, filter.maxScore),
  ];
  const where = and(...conditions);
  return pageOf(
    reportsWithSessions(db)
      .where(where)
      .orderBy(desc(miraReports.createdAt), desc(miraReports.id))
      .limit(page.limit)
      .offset(offsetOf(page)),
    db.select({ total: countAll }).from(miraReports).where(where),
  );
}
