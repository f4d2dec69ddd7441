/** Verifiable history credentials (SD-JWT VC with a Token Status List): docs/credentials.md. */

/** The credential type (`vct`): a name, not a URL, so no verifier goes looking for type metadata. */
export const HISTORY_VCT = 'urn:mir:vct:participation-history:1';

/** The history claims, each selectively disclosable; a person discloses `tier` unless they choose. */
export const HISTORY_CLAIMS = ['tier', 'eventCount', 'partnerCount', 'lastActivityMonth'] as const;
export type HistoryClaim = (typeof HISTORY_CLAIMS)[number];

export interface HistoryClaims {
  tier: number;
  eventCount: number;
  partnerCount: number;
  /** `YYYY-MM` of the last event any linked partner sent, or null: a month, never a day. */
  lastActivityMonth: string | null;
}

/** Entries per status list (one bit each): 100,000 is 12.5 KB before compression. */
export const STATUS_LIST_SIZE = 100_000;

/** How long a fetched status list may be cached (Cache-Control max-age and the JWT's `ttl`). */
export const STATUS_LIST_TTL_SECONDS = 60;

export const VERIFICATION_STATUSES = ['VALID', 'REVOKED', 'EXPIRED', 'INVALID'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

/** Where a status list is published, and which list and index a status entry is. */
export function statusListUri(issuer: string, listNo: number): string {
  return `${issuer}/status-lists/${listNo}`;
}
export function statusPosition(seq: number): { listNo: number; idx: number } {
  return { listNo: Math.floor(seq / STATUS_LIST_SIZE), idx: seq % STATUS_LIST_SIZE };
}
