import { and, eq, isNull } from 'drizzle-orm';
import { type ErasureCounts, type ErasureStatus, type ErasureTargets, addCount, erasedRef } from '../../domain/erasure';
import { type Db, rawClient } from '../client';
import { accountErasures } from '../schema';
import { ERASURE_STAGES } from './erasure-last-stages';

export interface OpenErasure {
  erasureId: string;
  status: ErasureStatus;
  erasesAt: string;
}

/** The account's open erasure, found by the digest of its id: the account row may be gone already. */
export async function openErasureByAccount(db: Db, accountId: string): Promise<OpenErasure | null> {
  const [row] = await db
    .select({ erasureId: accountErasures.id, status: accountErasures.status, erasesAt: accountErasures.erasesAt })
    .from(accountErasures)
    .where(and(eq(accountErasures.accountRef, erasedRef(accountId)), isNull(accountErasures.completedAt)));
  return row ? { ...row, erasesAt: row.erasesAt.toISOString() } : null;
}

/**
 * SCHEDULED → ERASING once the grace period is over, in one transaction with the account row
 * locked (a cancellation or login waits for it, then finds it started): reads what to erase,
 * ends every session and token at once, so nobody acts as the person any more. Partner users
 * linked to another account since the request are no longer the person's and are left out.
 * Returns the status the erasure has now; retry-safe.
 */
export async function beginErasure(db: Db, erasureId: string): Promise<ErasureStatus | null> {
  return db.transaction(async (tx) => {
    const sql = rawClient(tx);
    const [row] = await sql<{ status: ErasureStatus; due: boolean; mir_user_id: string | null }[]>`
      select status, erases_at <= now() as due, mir_user_id from account_erasures where id = ${erasureId} for update`;
    if (!row || row.status !== 'SCHEDULED' || !row.due || !row.mir_user_id) return row?.status ?? null;
    const accountId = row.mir_user_id;
    const [account] = await sql<{ email: string }[]>`select email from mir_users where id = ${accountId} for update`;
    const partnerUsers = await sql<ErasureTargets['partnerUsers']>`
      select u.id as "partnerUserId", u.organization_id as "organizationId", u.external_id as "externalId", l.id as "linkId"
      from account_erasures e join partner_links l on l.id = any(e.suspended_links)
        join partner_users u on u.id = l.partner_user_id
      where e.id = ${erasureId}
        and not exists (select 1 from partner_links o where o.partner_user_id = u.id and o.unlinked_at is null)
      order by l.id`;
    const targets: ErasureTargets = { accountId, email: account!.email, partnerUsers: [...partnerUsers] };
    const sessions = await sql`delete from sessions where mir_user_id = ${accountId}`;
    const emailTokens = await sql`delete from email_tokens where mir_user_id = ${accountId}`;
    const resetTokens = await sql`delete from password_reset_tokens where mir_user_id = ${accountId}`;
    let counts: ErasureCounts = addCount({ totals: {}, organizations: {} }, 'sessions', sessions.count);
    counts = addCount(counts, 'tokens', emailTokens.count + resetTokens.count);
    await sql`
      update account_erasures set status = 'ERASING', started_at = now(), targets = ${JSON.stringify(targets)}::jsonb,
        stage = 0, cursor = null, counts = ${JSON.stringify(counts)}::jsonb
      where id = ${erasureId}`;
    return 'ERASING' as const;
  });
}

export interface EraseStep {
  done: boolean;
  waiting: boolean;
}

/**
 * One step of the current stage, its count and the next position committed together: the row
 * lock makes two executions of the same activity (a worker presumed dead that was not) take
 * turns, and a step that did not commit is simply done again.
 */
export async function eraseStep(db: Db, erasureId: string): Promise<EraseStep> {
  return db.transaction(async (tx) => {
    const sql = rawClient(tx);
    const [row] = await sql<
      { status: ErasureStatus; stage: number; cursor: string | null; targets: ErasureTargets; counts: ErasureCounts }[]
    >`select status, stage, cursor, targets, counts from account_erasures where id = ${erasureId} for update`;
    if (!row || row.status !== 'ERASING') return { done: true, waiting: false };
    const stage = ERASURE_STAGES[row.stage];
    if (!stage) return { done: true, waiting: false };
    const step = await stage.step(sql, row.targets, row.cursor);
    const counts = addCount(row.counts, stage.kind, step.erased, step.organizationId);
    const next = step.done ? row.stage + 1 : row.stage;
    await sql`
      update account_erasures set stage = ${next}, cursor = ${step.done ? null : step.cursor},
        counts = ${JSON.stringify(counts)}::jsonb
      where id = ${erasureId}`;
    return { done: step.done && next >= ERASURE_STAGES.length, waiting: step.waiting ?? false };
  });
}
