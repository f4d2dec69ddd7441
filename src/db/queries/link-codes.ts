import { newId } from '../../domain/ids';
import { type Executor, rawClient } from '../client';
import type { NewLinkRequest } from './link-requests';
import type { LinkRequestRef } from '../../domain/links';

/**
 * Writes a new pending code and closes the partner user's earlier pending ones (EXPIRED) in the
 * same statement. Run under `lockedLinkState`'s lock, so each partner user has at most one live
 * code and guessers have fewer live codes to hit. The update's snapshot predates the insert: it
 * never closes the new code. The earlier codes' workflows keep running until their own deadline;
 * the closed row alone refuses a redeem. Prepared once per connection, as every code request runs it.
 */
export async function insertSupersedingCode(
  db: Executor,
  params: Pick<NewLinkRequest, 'organizationId' | 'partnerUserId' | 'secretHash' | 'expiresAt'>,
): Promise<LinkRequestRef> {
  const { organizationId, partnerUserId, expiresAt } = params;
  const id = newId('lcode');
  await rawClient(db)`
    with superseded as (
      update link_requests set status = 'EXPIRED', decided_at = now()
      where partner_user_id = ${partnerUserId} and kind = 'code' and status = 'PENDING')
    insert into link_requests (id, kind, organization_id, partner_user_id, secret_hash, expires_at)
    values (${id}, 'code', ${organizationId}, ${partnerUserId}, ${params.secretHash},
      ${expiresAt.toISOString()}::timestamptz)`;
  return { id, kind: 'code', organizationId, expiresAt };
}

/** The code's hash hit an existing row (any status): draw another code. */
export function isSecretHashConflict(err: unknown): boolean {
  const cause = (err as { cause?: { code?: string; constraint_name?: string } })?.cause ?? err;
  const pg = cause as { code?: string; constraint_name?: string };
  return pg?.code === '23505' && pg.constraint_name === 'link_requests_secret_hash_unique';
}
