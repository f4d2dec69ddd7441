import { sql } from 'drizzle-orm';
import type { Role } from '../../domain/roles';
import { newId } from '../../domain/ids';
import type { Executor } from '../client';
import { type AuditActor, writeAudit } from './audit';

/**
 * Serialises an import against the verification of the same address (and nothing else): the
 * import holds these shared, `useEmailToken` exclusive. Whichever commits second sees the other,
 * so a person verifying while their address is imported ends linked either by the import itself
 * or by the memberAutoLink workflow that starts after the verification committed.
 */
export async function lockMemberEmails(tx: Executor, emails: readonly string[], mode: 'shared' | 'exclusive') {
  if (emails.length === 0) return;
  const fn = sql.raw(mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock');
  // Sorted, so two lockers of overlapping sets always queue in the same order.
  await tx.execute(sql`
    select ${fn}(hashtextextended('member-email:' || s.e, 0))
    from (select distinct e from jsonb_array_elements_text(${JSON.stringify(emails)}::jsonb) as t(e) order by e) s`);
}

export interface ImportRow {
  email: string;
  role: Role;
}

export interface ImportedInvite {
  id: string;
  email: string;
  role: Role;
  status: 'PENDING' | 'CLAIMED';
}

export interface ImportParams {
  organizationId: string;
  rows: readonly ImportRow[];
  importSource: string;
  actor: AuditActor;
  requestId: string | null;
}

/**
 * One set-based statement for the whole batch: new invites (an address this organisation already
 * imported is skipped by the unique index), and for addresses with a verified account the
 * membership, the CLAIMED status, an audit entry and the mail telling the person at once. Rows
 * must be unique by email. The audit entry names the member id, never the person's account.
 */
export async function importMembers(db: Executor, params: ImportParams): Promise<ImportedInvite[]> {
  const input = params.rows.map((r) => ({
    email: r.email,
    role: r.role,
    invite_id: newId('minv'),
    member_id: newId('mbr'),
    audit_id: newId('aud'),
    mail_id: newId('mail'),
  }));
  return db.transaction(async (tx) => {
    await lockMemberEmails(
      tx,
      input.map((r) => r.email),
      'shared',
    );
    const org = params.organizationId;
    const rows = await tx.execute<{
      id: string;
      email: string;
      role: Role;
      status: 'PENDING' | 'CLAIMED';
    }>(sql`
      with input as (
        select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb)
          as x(email text, role text, invite_id text, member_id text, audit_id text, mail_id text)
      ),
      verified as (
        select u.id, u.email from mir_users u join input i on i.email = u.email where u.email_verified_at is not null
      ),
      ins as (
        insert into member_invites (id, organization_id, email, role, status, import_source, claimed_at, mir_user_id)
        select i.invite_id, ${org}, i.email, i.role,
               case when v.id is null then 'PENDING' else 'CLAIMED' end, ${params.importSource},
               case when v.id is null then null else now() end, v.id
        from input i left join verified v on v.email = i.email
        on conflict (organization_id, email) do nothing
        returning id, email, role, status, mir_user_id
      ),
      linked as (
        insert into org_members (id, organization_id, mir_user_id, role, invite_id)
        select i.member_id, ${org}, ins.mir_user_id, ins.role, ins.id
        from ins join input i on i.email = ins.email where ins.status = 'CLAIMED'
        on conflict (organization_id, mir_user_id) where ended_at is null do nothing
        returning id, invite_id
      ),
      audited as (
        insert into audit_log (id, organization_id, actor_type, actor_id, action, target_type, target_id, details, request_id)
        select i.audit_id, ${org}, ${params.actor.type}, ${params.actor.id}, 'member.linked', 'member_invite', ins.id,
               jsonb_build_object('role', ins.role, 'via', 'import', 'memberId', l.id),
               ${params.requestId}
        from ins join input i on i.email = ins.email join linked l on l.invite_id = ins.id
        returning id
      ),
      mailed as (
        insert into mail_queue (id, kind, to_email, mir_user_id, organization_id)
        select i.mail_id, 'member-added', ins.email, ins.mir_user_id, ${org}
        from ins join input i on i.email = ins.email join linked l on l.invite_id = ins.id
        returning id
      )
      select ins.id, ins.email, ins.role, ins.status from ins`);
    const imported = [...rows].map((r) => ({
      id: r.id,
      email: r.email,
      role: r.role,
      status: r.status,
    }));
    if (imported.length > 0) {
      await writeAudit(tx, {
        organizationId: org,
        actor: params.actor,
        action: 'members.imported',
        targetType: 'organization',
        targetId: org,
        details: { imported: imported.length, autoLinked: imported.filter((r) => r.status === 'CLAIMED').length },
        requestId: params.requestId,
      });
    }
    return imported;
  });
}
