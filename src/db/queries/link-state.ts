import { newId } from '../../domain/ids';
import { type Tx, rawClient } from '../client';
import type { LinkRequestRef } from '../../domain/links';

export interface LinkState {
  partnerUserId: string;
  linked: boolean;
  /** The newest live invite, which a new invite re-sends rather than duplicates. */
  pendingInvite: (LinkRequestRef & { redirectUrl: string | null }) | null;
}

type StateRow = {
  partnerUserId: string;
  linked: boolean;
  invite: { id: string; expiresAt: string; redirectUrl: string | null } | null;
};

/**
 * The partner's user (created empty when a partner links a userId it never sent events for),
 * whether it is linked, and its live invite, with the right to act on them until the transaction
 * ends: invites and codes of one partner user are made one at a time, so two at once cannot both
 * find no pending invite, or both leave their code live. Three statements in one round trip,
 * each prepared once per connection. The read is a statement of its own so its snapshot is taken
 * once the lock is held, and sees what the previous holder committed.
 */
export async function lockedLinkState(tx: Tx, organizationId: string, externalId: string): Promise<LinkState> {
  const sql = rawClient(tx);
  const [, , [row]] = await Promise.all([
    sql`select pg_advisory_xact_lock(hashtextextended(${`link:${organizationId}:${externalId}`}, 0))`,
    sql`insert into partner_users (id, organization_id, external_id)
      values (${newId('usr')}, ${organizationId}, ${externalId})
      on conflict (organization_id, external_id) do nothing`,
    sql<StateRow[]>`
      select u.id as "partnerUserId",
        exists (select 1 from partner_links l where l.partner_user_id = u.id and l.unlinked_at is null) as linked,
        (select json_build_object('id', r.id, 'expiresAt', r.expires_at, 'redirectUrl', r.redirect_url)
          from link_requests r
          where r.partner_user_id = u.id and r.kind = 'invite' and r.status = 'PENDING' and r.expires_at > now()
          order by r.created_at desc limit 1) as invite
      from partner_users u
      where u.organization_id = ${organizationId} and u.external_id = ${externalId}`,
  ]);
  const { partnerUserId, linked, invite } = row!;
  return {
    partnerUserId,
    linked,
    pendingInvite: invite && {
      id: invite.id,
      kind: 'invite',
      organizationId,
      expiresAt: new Date(invite.expiresAt),
      redirectUrl: invite.redirectUrl,
    },
  };
}
