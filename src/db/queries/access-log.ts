import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Cursor } from '../../domain/cursor';
import type { Executor } from '../client';
import { copyNullableText, copyText, insertCopyLines } from '../copy';
import { type AccessOperation, accessLog, organizations, partnerLinks } from '../schema';

/** A partner's active link to a person, as the lookup that read it saw it. */
export interface AccessedLink {
  id: string;
  mirUserId: string;
}

export interface Access {
  link: AccessedLink;
  organizationId: string;
  operation: AccessOperation;
  /** An evaluation's action and outcome; nothing for the other operations. */
  action?: string;
  outcome?: string;
}

const ACCESS_LOG = {
  table: 'access_log',
  columns: 'id, link_id, mir_user_id, organization_id, operation, action, outcome, at',
  // A batch retried after its link ended or went keeps only what a live link may still show.
  keep: 'exists (select 1 from partner_links l where l.id = x.link_id and l.unlinked_at is null)',
};

/** One lookup as a line of COPY text, in the order of ACCESS_LOG.columns. */
export function accessLine(id: string, a: Access, at: string): string {
  return (
    `${id}\t${copyText(a.link.id)}\t${copyText(a.link.mirUserId)}\t${copyText(a.organizationId)}\t${a.operation}\t` +
    `${copyNullableText(a.action)}\t${copyNullableText(a.outcome)}\t${at}\n`
  );
}

export async function insertAccessLines(db: Executor, text: string): Promise<void> {
  await insertCopyLines(db, ACCESS_LOG, text);
}

/**
 * The person's lookups by partners they are still linked to, newest first by (at, id). A lookup
 * whose batch landed after its link ended is never shown (the sweep deletes it).
 */
export async function listAccessLog(db: Executor, mirUserId: string, page: { cursor?: Cursor; limit: number }) {
  const rows = await db
    .select({
      id: accessLog.id,
      at: accessLog.at,
      partnerId: accessLog.organizationId,
      partnerName: organizations.name,
      operation: accessLog.operation,
      action: accessLog.action,
      outcome: accessLog.outcome,
    })
    .from(accessLog)
    .innerJoin(partnerLinks, and(eq(partnerLinks.id, accessLog.linkId), isNull(partnerLinks.unlinkedAt)))
    .innerJoin(organizations, eq(organizations.id, accessLog.organizationId))
    .where(
      and(
        eq(accessLog.mirUserId, mirUserId),
        page.cursor
          ? sql`(${accessLog.at}, ${accessLog.id}) < (${page.cursor.at.toISOString()}::timestamptz, ${page.cursor.id})`
          : undefined,
      ),
    )
    .orderBy(desc(accessLog.at), desc(accessLog.id))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return { items, next: rows.length > page.limit && last ? { at: last.at, id: last.id } : null };
}

export type AccessLogPage = Awaited<ReturnType<typeof listAccessLog>>;

/**
 * Lookups older than the retention, and any that a batch in flight wrote after its link ended
 * (the trigger that deletes a link's lookups could not see them yet): links ended within a day,
 * so the hourly sweep reads a day of unlinks, never every link there ever was.
 */
export async function sweepAccessLog(db: Executor, retentionDays: number): Promise<void> {
  await db.delete(accessLog).where(lt(accessLog.at, sql`now() - make_interval(days => ${retentionDays})`));
  await db.execute(sql`
    delete from access_log a using partner_links l
    where a.link_id = l.id and l.unlinked_at > now() - interval '1 day'`);
}
