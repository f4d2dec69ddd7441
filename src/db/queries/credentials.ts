import type { Cursor } from '../../domain/cursor';
import { type HistoryClaims, STATUS_LIST_SIZE } from '../../domain/credentials';
import { type Executor, rawClient } from '../client';

export interface CredentialRow {
  id: string;
  statusSeq: number;
  claims: HistoryClaims;
  disclosed: string[];
  issuedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

interface Row extends Record<string, unknown> {
  id: string;
  status_seq: string;
  claims: HistoryClaims;
  disclosed: string[];
  issued_at: string;
  expires_at: string;
  revoked_at: string | null;
}

const toCredential = (r: Row): CredentialRow => ({
  id: r.id,
  statusSeq: Number(r.status_seq),
  claims: r.claims,
  disclosed: r.disclosed,
  issuedAt: new Date(r.issued_at),
  expiresAt: new Date(r.expires_at),
  revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
});

/** A status list entry for a credential about to be signed: its position is in the credential. */
export async function insertStatus(db: Executor, expiresAt: Date): Promise<number> {
  const [row] = await rawClient(db)<{ seq: string }[]>`
    insert into credential_statuses (expires_at) values (${expiresAt.toISOString()}::timestamptz) returning seq`;
  return Number(row!.seq);
}

export async function insertCredential(
  db: Executor,
  c: {
    id: string;
    mirUserId: string;
    statusSeq: number;
    kid: string;
    claims: HistoryClaims;
    disclosed: string[];
    issuedAt: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await rawClient(db)`
    insert into credentials (id, mir_user_id, status_seq, kid, claims, disclosed, issued_at, expires_at)
    values (${c.id}, ${c.mirUserId}, ${c.statusSeq}, ${c.kid}, ${JSON.stringify(c.claims)}::jsonb,
      ${c.disclosed}::text[], ${c.issuedAt.toISOString()}::timestamptz, ${c.expiresAt.toISOString()}::timestamptz)`;
}

/** The person's credentials, newest first by (issued_at, id). */
export async function listCredentials(db: Executor, mirUserId: string, page: { cursor?: Cursor; limit: number }) {
  const c = page.cursor;
  const rows = await rawClient(db)<Row[]>`
    select c.id, c.status_seq, c.claims, c.disclosed, c.issued_at, c.expires_at, s.revoked_at
    from credentials c join credential_statuses s on s.seq = c.status_seq
    where c.mir_user_id = ${mirUserId}
      ${c ? rawClient(db)`and (c.issued_at, c.id) < (${c.at.toISOString()}::timestamptz, ${c.id})` : rawClient(db)``}
    order by c.issued_at desc, c.id desc limit ${page.limit + 1}`;
  const items = rows.slice(0, page.limit).map(toCredential);
  const last = items[items.length - 1];
  return { items, next: rows.length > page.limit && last ? { at: last.issuedAt, id: last.id } : null };
}

/**
 * Revokes one of the person's credentials; null when it is not theirs. A second revocation (or
 * two at once: the row lock orders them) keeps the first time.
 */
export async function revokeCredential(db: Executor, mirUserId: string, id: string): Promise<CredentialRow | null> {
  const sql = rawClient(db);
  const [row] = await sql<Row[]>`
    with revoked as (
      update credential_statuses s set revoked_at = coalesce(s.revoked_at, now())
      from credentials c where c.id = ${id} and c.mir_user_id = ${mirUserId} and s.seq = c.status_seq
      returning s.revoked_at)
    select c.id, c.status_seq, c.claims, c.disclosed, c.issued_at, c.expires_at, r.revoked_at
    from credentials c, revoked r where c.id = ${id}`;
  return row ? toCredential(row) : null;
}

/** Revokes every credential of the account (its erasure): the status entries stay, revoked. */
export async function revokeAllCredentials(db: Executor, mirUserId: string): Promise<number> {
  const result = await rawClient(db)`
    update credential_statuses s set revoked_at = now()
    from credentials c where c.mir_user_id = ${mirUserId} and s.seq = c.status_seq and s.revoked_at is null`;
  return result.count;
}

/** The revoked indexes of status list `listNo`. */
export async function revokedIndexes(db: Executor, listNo: number): Promise<number[]> {
  const from = listNo * STATUS_LIST_SIZE;
  const rows = await rawClient(db)<{ seq: string }[]>`
    select seq from credential_statuses
    where seq >= ${from} and seq < ${from + STATUS_LIST_SIZE} and revoked_at is not null`;
  return rows.map((r) => Number(r.seq) - from);
}

/** Whether list `listNo` has any entry yet (a list nobody was given is 404). */
export async function statusListExists(db: Executor, listNo: number): Promise<boolean> {
  const from = listNo * STATUS_LIST_SIZE;
  const [row] = await rawClient(db)`
    select 1 from credential_statuses where seq >= ${from} and seq < ${from + STATUS_LIST_SIZE} limit 1`;
  return row !== undefined;
}

/** A status entry by its seq, with the credential and person it belongs to (gone after an erasure). */
export async function statusBySeq(db: Executor, seq: number) {
  const [row] = await rawClient(db)<{ revoked: boolean; credential_id: string | null; mir_user_id: string | null }[]>`
    select s.revoked_at is not null as revoked, c.id as credential_id, c.mir_user_id
    from credential_statuses s left join credentials c on c.status_seq = s.seq where s.seq = ${seq}`;
  return row ? { revoked: row.revoked, credentialId: row.credential_id, mirUserId: row.mir_user_id } : null;
}
