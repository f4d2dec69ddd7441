import { proxyActivities, setCurrentDetails } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { ClaimedInvite } from '../activities/members';

const { claimMemberInvites } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  // No attempt limit: the verification already committed, so giving up would leave the person unlinked.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Ids only: the activity reads the person's address from Postgres. */
export interface MemberAutoLinkInput {
  mirUserId: string;
}

/**
 * `member-autolink:<mirUserId>`, started when a person verifies an email address: claims every
 * PENDING member invite for that address, in every organisation, in one transaction.
 */
export async function memberAutoLinkWorkflow(input: MemberAutoLinkInput): Promise<ClaimedInvite[]> {
  setCurrentDetails(`${input.mirUserId}: claiming their PENDING member invites in every organisation`);
  return claimMemberInvites({ mirUserId: input.mirUserId });
}
