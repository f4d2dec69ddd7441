/** What a person's confirmation of an invite or code came to; shared by the activity, workflow and API. */
export type ConfirmOutcome =
  | { ok: true; linkId: string; organizationId: string; linkedAt: string }
  | { ok: false; reason: 'not_pending' | 'expired' | 'already_linked' | 'account_closing' };

export const LINK_REQUEST_STATUSES = ['PENDING', 'CONFIRMED', 'DECLINED', 'EXPIRED'] as const;
export type LinkRequestStatus = (typeof LINK_REQUEST_STATUSES)[number];

export const LINK_REQUEST_KINDS = ['invite', 'code'] as const;
export type LinkRequestKind = (typeof LINK_REQUEST_KINDS)[number];

/** A link request as its workflow is started from it: which one, whose, until when. */
export interface LinkRequestRef {
  kind: LinkRequestKind;
  id: string;
  organizationId: string;
  expiresAt: Date;
}
