import { type SQL, and, desc, eq, sql } from 'drizzle-orm';
import type { CallType, CoachingTone, GradingCriterion } from '../../../domain/mira/types';
import type { Executor } from '../../client';
import { miraTemplates } from '../../schema';
import { type PageRequest, countAll, offsetOf, pageOf } from './pages';

export type MiraTemplate = typeof miraTemplates.$inferSelect;

export interface TemplateFields {
  name: string;
  description?: string | null;
  promptTemplate: string;
  gradingCriteria: GradingCriterion[];
  coachingTone: CoachingTone;
  callType: CallType;
  industryContext?: string | null;
  isActive?: boolean;
}

const UNIQUE_VIOLATION = '23505';
const isUniqueViolation = (err: unknown) =>
  (err as { code?: string })?.code === UNIQUE_VIOLATION ||
  (err as { cause?: { code?: string } })?.cause?.code === UNIQUE_VIOLATION;

/** Null when the organisation already has a template of that name (the unique index decides races). */
export async function insertMiraTemplate(db: Executor, organizationId: string, fields: TemplateFields) {
  const [row] = await db
    .insert(miraTemplates)
    .values({ organizationId, ...fields })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

export async function findMiraTemplate(db: Executor, organizationId: string, id: string) {
  const [row] = await db
    .select()
    .from(miraTemplates)
    .where(and(eq(miraTemplates.organizationId, organizationId), eq(miraTemplates.id, id)))
    .limit(1);
  return row ?? null;
}

/** 'conflict' when the new name is another template's. */
export async function updateMiraTemplate(
  db: Executor,
  organizationId: string,
  id: string,
  fields: Partial<TemplateFields>,
): Promise<MiraTemplate | null | 'conflict'> {
  try {
    const [row] = await db
      .update(miraTemplates)
      .set({ ...fields, updatedAt: sql`now()` })
      .where(and(eq(miraTemplates.organizationId, organizationId), eq(miraTemplates.id, id)))
      .returning();
    return row ?? null;
  } catch (err) {
    if (isUniqueViolation(err)) return 'conflict';
    throw err;
  }
}

/**
 * Deletes the template, freeing its name. Reports it scored keep the name they were scored with
 * (template_name) and lose only the link (template_id set null, migration 0035). A report being
 * written for it meanwhile is ordered by the row lock: the report's foreign-key check waits for
 * the deletion, then fails, and its activity picks a template again.
 */
export async function deleteMiraTemplate(db: Executor, organizationId: string, id: string): Promise<boolean> {
  const deleted = await db
    .delete(miraTemplates)
    .where(and(eq(miraTemplates.organizationId, organizationId), eq(miraTemplates.id, id)))
    .returning({ id: miraTemplates.id });
  return deleted.length > 0;
}

export function listMiraTemplates(
  db: Executor,
  organizationId: string,
  filter: { isActive?: boolean; callType?: CallType },
  page: PageRequest,
) {
  const conditions: Array<SQL | undefined> = [
    eq(miraTemplates.organizationId, organizationId),
    filter.isActive === undefined ? undefined : eq(miraTemplates.isActive, filter.isActive),
    filter.callType ? eq(miraTemplates.callType, filter.callType) : undefined,
  ];
  const where = and(...conditions);
  return pageOf(
    db
      .select()
      .from(miraTemplates)
      .where(where)
      .orderBy(desc(miraTemplates.createdAt), desc(miraTemplates.id))
      .limit(page.limit)
      .offset(offsetOf(page)),
    db.select({ total: countAll }).from(miraTemplates).where(where),
  );
}

/** The organisation's active template for the call type, else its active general one (newest first). */
export async function pickMiraTemplate(db: Executor, organizationId: string, callType: CallType) {
  const [row] = await db
    .select()
    .from(miraTemplates)
    .where(
      and(
        eq(miraTemplates.organizationId, organizationId),
        eq(miraTemplates.isActive, true),
        sql`${miraTemplates.callType} in (${callType}, 'general')`,
      ),
    )
    .orderBy(sql`${miraTemplates.callType} = 'general'`, desc(miraTemplates.createdAt))
    .limit(1);
  return row ?? null;
}
