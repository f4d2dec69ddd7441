import { type ErasureCounts, type ErasureStatus, type ErasureTargets, addCount, erasedRef } from '../../domain/erasure';
import { hashSecret } from '../../domain/keys';
import { type Db, rawClient } from '../client';
import { writeAudit } from './audit';
import { revokeAllCredentials } from './credentials';
import { lockMemberEmails } from './member-import';
import { enqueueWebhookEvent, subscribedEndpoints } from './webhook-events';

export interface ErasureSummary {
  erasureId: string;
  status: ErasureStatus;
  counts: Record<string, number>;
}

/**
 * The last transaction: what is keyed by the address or the account (member invites and
 * memberships, queued and dev-outbox mails, throttle counts, any session or link left), the
 * account row itself, and each partner's `user.erased` with its own id for the person and an
 * audit entry with a digest and counts. The row keeps no id in clear after it. Retry-safe:
 * once ERASED it only answers the summary.
 */
export async function finishErasure(db: Db, erasureId: string): Promise<ErasureSummary | null> {
  return db.transaction(async (tx) => {
    const sql = rawClient(tx);
    const [row] = await sql<{ status: ErasureStatus; targets: ErasureTargets | null; counts: ErasureCounts }[]>`
      select status, targets, counts from account_erasures where id = ${erasureId} for update`;
    if (!row) return null;
    if (row.status !== 'ERASING' || !row.targets) return { erasureId, status: row.status, counts: row.counts.totals };
    const { accountId, email, partnerUsers } = row.targets;
    await sql`select id from mir_users where id = ${accountId} for update`;
    // An import of the address waits for this commit, then finds no invite and no account: a new invite.
    await lockMemberEmails(tx, [email], 'exclusive');
    const deletions: [string, () => Promise<{ count: number }>][] = [
      ['memberInvites', () => sql`delete from member_invites where email = ${email}`],
      ['memberships', () => sql`delete from org_members where mir_user_id = ${accountId}`],
      ['mails', () => sql`delete from mail_queue where to_email = ${email} or mir_user_id = ${accountId}`],
      ['mails', () => sql`delete from outbox where to_email = ${email}`],
      ['accessLog', () => sql`delete from access_log where mir_user_id = ${accountId}`],
      // Revoked before the account row takes its credentials with it: their status entries stay, revoked.
      ['credentialsRevoked', async () => ({ count: await revokeAllCredentials(tx, accountId) })],
      ['sessions', () => sql`delete from sessions where mir_user_id = ${accountId}`],
      ['links', () => sql`delete from partner_links where mir_user_id = ${accountId}`],
      [
        'throttleCounters',
        () => sql`delete from throttle_counters where scope = ${`code:user:${accountId}`} or scope like ${`%:email:${hashSecret(email)}`}`,
      ],
      ['accounts', () => sql`delete from mir_users where id = ${accountId}`],
    ];
    let counts = row.counts;
    for (const [kind, remove] of deletions) counts = addCount(counts, kind, (await remove()).count);
    const notices: string[] = [];
    const erasedAt = new Date().toISOString();
    for (const user of partnerUsers) {
      const data = { userId: user.externalId, linkId: user.linkId, erasedAt };
      const endpoints = await subscribedEndpoints(tx, user.organizationId, 'user.erased');
      const sent = await enqueueWebhookEvent(tx, user.organizationId, 'user.erased', data, endpoints);
      if (sent) notices.push(sent.messageId);
      await writeAudit(tx, {
        organizationId: user.organizationId,
        actor: { type: 'system', id: 'erasure' },
        action: 'user.erased',
        targetType: 'partner_user',
        targetId: erasedRef(user.partnerUserId),
        details: { linkId: user.linkId, ...counts.organizations[user.organizationId] },
      });
    }
    await sql`
      update account_erasures set status = 'ERASED', erased_at = now(), mir_user_id = null, targets = null,
        cursor = null, counts = ${JSON.stringify(counts)}::jsonb, notices = ${notices}::text[]
      where id = ${erasureId}`;
    return { erasureId, status: 'ERASED' as const, counts: counts.totals };
  });
}

/**
 * The erasure's own `user.erased` messages name each partner's user: deleted once delivered (or
 * given up), which completes the erasure. Null while a delivery is still pending.
 */
export async function purgeErasureNotices(db: Db, erasureId: string): Promise<ErasureSummary | null> {
  return db.transaction(async (tx) => {
    const sql = rawClient(tx);
    const [row] = await sql<{ status: ErasureStatus; notices: string[]; counts: ErasureCounts; completed: boolean }[]>`
      select status, notices, counts, completed_at is not null as completed
      from account_erasures where id = ${erasureId} for update`;
    if (!row) return null;
    const summary = { erasureId, status: row.status, counts: row.counts.totals };
    if (row.completed) return summary;
    const [pending] = await sql`
      select 1 from webhook_deliveries where message_id = any(${row.notices}::text[]) and status = 'PENDING' limit 1`;
    if (pending) return null;
    await sql`delete from webhook_messages where id = any(${row.notices}::text[])`;
    await sql`update account_erasures set completed_at = now(), notices = '{}' where id = ${erasureId}`;
    return summary;
  });
}
