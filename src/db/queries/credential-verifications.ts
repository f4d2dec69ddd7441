import type { Cursor } from '../../domain/cursor';
import type { VerificationStatus } from '../../domain/credentials';
import { newId } from '../../domain/ids';
import { type Executor, rawClient } from '../client';

export interface VerificationRow {
  id: string;
  partnerId: string;
  partnerName: string;
  credentialId: string | null;
  status: VerificationStatus;
  reason: string | null;
  disclosed: Record<string, unknown>;
  expiresAt: Date | null;
  verifiedAt: Date;
}

interface Row extends Record<string, unknown> {
  id: string;
  organization_id: string;
  partner_name: string;
  credential_id: string | null;
  status: VerificationStatus;
  reason: string | null;
  disclosed: Record<string, unknown>;
  expires_at: string | null;
  verified_at: string;
}

const toVerification = (r: Row): VerificationRow => ({
  id: r.id,
  partnerId: r.organization_id,
  partnerName: r.partner_name,
  credentialId: r.credential_id,
  status: r.status,
  reason: r.reason,
  disclosed: r.disclosed,
  expiresAt: r.expires_at ? new Date(r.expires_at) : null,
  verifiedAt: new Date(r.verified_at),
});

export async function insertVerification(
  db: Executor,
  v: {
    organizationId: string;
    credentialId: string | null;
    mirUserId: string | null;
    status: VerificationStatus;
    reason?: string;
    disclosed: Record<string, unknown>;
    expiresAt: Date | null;
  },
): Promise<string> {
  const id = newId('vcv');
  await rawClient(db)`
    insert into credential_verifications (id, organization_id, credential_id, mir_user_id, status, reason, disclosed, expires_at)
    values (${id}, ${v.organizationId}, ${v.credentialId}, ${v.mirUserId}, ${v.status}, ${v.reason ?? null},
      ${JSON.stringify(v.disclosed)}::jsonb, ${v.expiresAt?.toISOString() ?? null}::timestamptz)`;
  return id;
}

/** Newest first by (verified_at, id), for one organisation or one person. */
export async function listVerifications(
  db: Executor,
  of: { organizationId: string } | { mirUserId: string },
  page: { cursor?: Cursor; limit: number },
) {
  const sql = rawClient(db);
  const c = page.cursor;
  const rows = await sql<Row[]>`
    select v.id, v.organization_id, o.name as partner_name, v.credential_id, v.status, v.reason, v.disclosed,
      v.expires_at, v.verified_at
    from credential_verifications v join organizations o on o.id = v.organization_id
    where ${'organizationId' in of ? sql`v.organization_id = ${of.organizationId}` : sql`v.mir_user_id = ${of.mirUserId}`}
      ${c ? sql`and (v.verified_at, v.id) < (${c.at.toISOString()}::timestamptz, ${c.id})` : sql``}
    order by v.verified_at desc, v.id desc limit ${page.limit + 1}`;
  const items = rows.slice(0, page.limit).map(toVerification);
  const last = items[items.length - 1];
  return { items, next: rows.length > page.limit && last ? { at: last.verifiedAt, id: last.id } : null };
}
