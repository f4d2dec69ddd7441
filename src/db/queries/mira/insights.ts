import { type SQL, and, asc, desc, eq, gte, ilike } from 'drizzle-orm';
import type { Executor } from '../../client';
import { miraInsights } from '../../schema';
import { type PageRequest, type UpperBound, countAll, offsetOf, pageOf, upTo } from './pages';

export interface InsightFilter {
  dateFrom?: Date;
  dateTo?: UpperBound;
  industry?: string;
  prospectTitle?: string;
}

/** `%`, `_` and `\` in a filter are matched literally: a partial match, not a pattern. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function listMiraInsights(db: Executor, organizationId: string, filter: InsightFilter, page: PageRequest) {
  const conditions: Array<SQL | undefined> = [
    eq(miraInsights.organizationId, organizationId),
    filter.dateFrom ? gte(miraInsights.meetingStartedAt, filter.dateFrom) : undefined,
    upTo(miraInsights.meetingStartedAt, filter.dateTo),
    filter.industry ? ilike(miraInsights.prospectIndustry, containing(filter.industry)) : undefined,
    filter.prospectTitle ? ilike(miraInsights.prospectTitle, containing(filter.prospectTitle)) : undefined,
  ];
  const where = and(...conditions);
  return pageOf(
    db
      .select()
      .from(miraInsights)
      .where(where)
      .orderBy(desc(miraInsights.meetingStartedAt), asc(miraInsights.meetingId), asc(miraInsights.position))
      .limit(page.limit)
      .offset(offsetOf(page)),
    db.select({ total: countAll }).from(miraInsights).where(where),
  );
}
