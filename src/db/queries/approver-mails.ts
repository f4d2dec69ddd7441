import { sql } from 'drizzle-orm';
import { newId } from '../../domain/ids';
import { type Executor, rawClient } from '../client';

/** Who decides spawn requests, and so who is mailed about them. */
const APPROVER_ROLES = sql.raw(`'OWNER', 'ADMIN'`);

/**
 * Queues the "a spawn request waits" mail to each current ADMIN/OWNER member, in the transaction
 * that inserts the request (after it: the mails reference it). Raw, so it pipelines with the
 * request's other statements. A mail's id is one per statement plus the member's, unique per row.
 */
export function queueApprovalRequestedMails(tx: Executor, spawnRequestId: string, organizationId: string) {
  return rawClient(tx)`
    insert into mail_queue (id, kind, to_email, mir_user_id, organization_id, spawn_request_id)
    select ${newId('mail')} || '.' || m.id, 'spawn-approval-requested', u.email, u.id, m.organization_id,
      ${spawnRequestId}
    from org_members m join mir_users u on u.id = m.mir_user_id
    where m.organization_id = ${organizationId} and m.ended_at is null and m.role in ('OWNER', 'ADMIN')`;
}

/**
 * Queues the reminder to each current ADMIN/OWNER member if the request still waits and was not
 * reminded yet; marks it reminded in the same statement, so a retried activity queues nothing
 * twice. Returns how many mails it queued.
 */
export async function queueApprovalReminderMails(db: Executor, spawnRequestId: string): Promise<number> {
  const rows = await db.execute<{ id: string }>(sql`
    with request as (
      update agent_spawn_requests set approvers_reminded_at = now()
      where id = ${spawnRequestId} and status = 'PENDING_APPROVAL' and approvers_reminded_at is null
        and expires_at > now()
      returning id, organization_id)
    insert into mail_queue (id, kind, to_email, mir_user_id, organization_id, spawn_request_id)
    select ${newId('mail')} || '.' || m.id, 'spawn-approval-reminder', u.email, u.id, m.organization_id, request.id
    from request
      join org_members m on m.organization_id = request.organization_id
      join mir_users u on u.id = m.mir_user_id
    where m.ended_at is null and m.role in (${APPROVER_ROLES})
    returning mail_queue.id`);
  return rows.length;
}

/**
 * What an approver mail says, read when it is sent: null when the request no longer waits or the
 * recipient is no longer an ADMIN/OWNER member, so a decision (or a demotion) in between mails nothing.
 */
export async function approverMailFacts(db: Executor, mail: { spawnRequestId: string; mirUserId: string }) {
  const [row] = await db.execute<{
    id: string;
    organization_id: string;
    organization_name: string;
    parent_agent_id: string;
    parent_name: string;
    parent_permissions: string[];
    child: { id: string; name: string; config?: { permissions?: string[] } };
    approval_reasons: string[];
    expires_at: string;
  }>(sql`
    select r.id, r.organization_id, o.name as organization_name, r.parent_agent_id, p.name as parent_name,
      p.permissions as parent_permissions, r.child, r.approval_reasons,
      to_json(r.expires_at) #>> '{}' as expires_at
    from agent_spawn_requests r
      join organizations o on o.id = r.organization_id
      join agents p on p.id = r.parent_agent_id
    where r.id = ${mail.spawnRequestId} and r.status = 'PENDING_APPROVAL' and r.expires_at > now()
      and exists (select 1 from org_members m where m.organization_id = r.organization_id
        and m.mir_user_id = ${mail.mirUserId} and m.ended_at is null and m.role in (${APPROVER_ROLES}))`);
  return row ?? null;
}
