import { type SQL, and, desc, eq, gte, like, lt, sql } from 'drizzle-orm';
import type { Cursor } from '../../domain/cursor';
import { newId } from '../../domain/ids';
import { type Executor, rawClient } from '../client';
import { auditLog } from '../schema';

export const AUDIT_ACTOR_TYPES = auditLog.actorType.enumValues;

export interface AuditActor {
  type: (typeof AUDIT_ACTOR_TYPES)[number];
  id: string | null;
}

export interface AuditEntry {
  organizationId: string;
  actor: AuditActor;
  action: string;
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
  requestId?: string | null;
}

/** Call inside the transaction that makes the change, so the change and its record land together. */
export async function writeAudit(db: Executor, entry: AuditEntry): Promise<void> {
  // A statement postgres.js prepares once per connection: nearly every write of the API makes one.
  await rawClient(db)`
    insert into audit_log
      (id, organization_id, actor_type, actor_id, action, target_type, target_id, details, request_id)
    values (${newId('aud')}, ${entry.organizationId}, ${entry.actor.type}, ${entry.actor.id ?? null}, ${entry.action},
      ${entry.targetType}, ${entry.targetId}, ${JSON.stringify(entry.details ?? {})}::jsonb, ${entry.requestId ?? null})`;
}

export interface AuditFilter {
  targetId?: string;
  actorType?: AuditActor['type'];
  /** Exact action, or every action starting with `prefix` (from a trailing `*`, like `agent.*`). */
  action?: { exact: string } | { prefix: string };
  from?: Date;
  to?: Date;
  cursor?: Cursor;
  limit: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Newest first by (createdAt, id). Postgres keeps microseconds but a cursor carries milliseconds,
 * so the page boundary is the cursor row's own stored time (the cursor's time only if it is gone).
 */
export async function listAudit(db: Executor, organizationId: string, filter: AuditFilter) {
  const conditions: (SQL | undefined)[] = [eq(auditLog.organizationId, organizationId)];
  if (filter.targetId !== undefined) conditions.push(eq(auditLog.targetId, filter.targetId));
  if (filter.actorType !== undefined) conditions.push(eq(auditLog.actorType, filter.actorType));
  if (filter.action && 'exact' in filter.action) conditions.push(eq(auditLog.action, filter.action.exact));
  if (filter.action && 'prefix' in filter.action)
    conditions.push(like(auditLog.action, `${escapeLike(filter.action.prefix)}%`));
  if (filter.from) conditions.push(gte(auditLog.createdAt, filter.from));
  if (filter.to) conditions.push(lt(auditLog.createdAt, filter.to));
  if (filter.cursor) {
    const { at, id } = filter.cursor;
    const exactAt = sql`coalesce((select c.created_at from audit_log c where c.id = ${id} and c.organization_id = ${organizationId}), ${at.toISOString()}::timestamptz)`;
    conditions.push(sql`(${auditLog.createdAt}, ${auditLog.id}) < (${exactAt}, ${id})`);
  }
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  const last = page[page.length - 1];
  return { entries: page, next: rows.length > filter.limit && last ? { at: last.createdAt, id: last.id } : null };
}
