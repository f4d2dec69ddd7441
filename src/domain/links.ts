/** What a person's confirmation of an invite or code came to; shared by the activity, workflow and API. */
export type ConfirmOutcome =
  | { ok: true; linkId: string; organizationId: string; linkedAt: string }
  | { ok: false; reason: 'not_pending' | 'expired' | 'already_linked' };
