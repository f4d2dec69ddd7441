import type { Db } from '../db/client';
import { closeRequest } from '../db/queries/link-requests';
import { confirmLinkRequest } from '../db/queries/links';
import type { ConfirmOutcome } from '../domain/links';
import type { LinkRequestStatus } from '../domain/links';

export function createLinkActivities(db: Db) {
  return {
    /** Retry-safe: a second attempt finds the request confirmed by this person and returns the same link. */
    async confirmLinkRequest(input: { requestId: string; mirUserId: string }): Promise<ConfirmOutcome> {
      return confirmLinkRequest(db, input);
    },
    /** Retry-safe: only a PENDING request changes. Returns the row's status afterwards, whoever set it. */
    async closeLinkRequest(input: { requestId: string; status: 'DECLINED' | 'EXPIRED' }): Promise<LinkRequestStatus> {
      return closeRequest(db, input.requestId, input.status);
    },
  };
}
