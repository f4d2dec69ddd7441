import type { Db } from '../db/client';
import { type ClaimedInvite, claimMemberInvites } from '../db/queries/members';

export type { ClaimedInvite } from '../db/queries/members';

export function createMemberActivities(db: Db) {
  return {
    /** Retry-safe: only PENDING invites are claimed, so an attempt after a commit claims nothing. */
    async claimMemberInvites(input: { mirUserId: string }): Promise<ClaimedInvite[]> {
      return claimMemberInvites(db, input.mirUserId);
    },
  };
}
