import { createHash } from 'node:crypto';

/**
 * A person's erasure of their account (docs/data-rights.md): SCHEDULED during the grace period
 * (cancellable), ERASING once it began (no way back), ERASED when the account row is gone,
 * CANCELLED when the person cancelled or logged in during the grace period.
 */
export const ERASURE_STATUSES = ['SCHEDULED', 'CANCELLED', 'ERASING', 'ERASED'] as const;
export type ErasureStatus = (typeof ERASURE_STATUSES)[number];

/**
 * What stays of an id once erased: a one-way digest, the same for the same id, so an
 * organisation's audit trail still shows that one user's entries belong together and an
 * operator given an id can check whether it was erased, while the id itself is gone.
 */
export function erasedRef(id: string): string {
  return `erased_${createHash('sha256').update(`mir-erasure:${id}`).digest('hex').slice(0, 32)}`;
}

/** A partner's user whose history the erasure deletes: the partner's own id for them too. */
export interface ErasedPartnerUser {
  partnerUserId: string;
  organizationId: string;
  externalId: string;
  linkId: string;
}

/** What an erasure removes, read once when it begins; cleared from Postgres when it ends. */
export interface ErasureTargets {
  accountId: string;
  email: string;
  partnerUsers: ErasedPartnerUser[];
}

/** Rows erased per kind, in all and per organisation (for that organisation's audit entry). */
export interface ErasureCounts {
  totals: Record<string, number>;
  organizations: Record<string, Record<string, number>>;
}

export const noCounts = (): ErasureCounts => ({ totals: {}, organizations: {} });

/** A copy of `counts` with `n` more rows of `kind` (and of that organisation's, when given). */
export function addCount(counts: ErasureCounts, kind: string, n: number, organizationId?: string): ErasureCounts {
  if (n === 0) return counts;
  const totals = { ...counts.totals, [kind]: (counts.totals[kind] ?? 0) + n };
  if (!organizationId) return { ...counts, totals };
  const org = counts.organizations[organizationId] ?? {};
  const organizations = { ...counts.organizations, [organizationId]: { ...org, [kind]: (org[kind] ?? 0) + n } };
  return { totals, organizations };
}

/** The address is replaced by this, never by a digest of it: an address is easy to guess and check. */
export const ERASED_ADDRESS = 'erased_address';

/**
 * One value an erasure removes from free-form text (audit details, idempotent answers, webhook
 * payloads). Ids MIR made (the account's, its partner users') and the address are unmistakable
 * wherever they appear; a partner's own id for its user may be as short as `42`, so it counts only
 * as a whole JSON string, and only in that partner's rows.
 */
export interface ErasedValue {
  value: string;
  replacement: string;
  organizationId: string | null;
  whole: boolean;
}

export function erasedValues(t: ErasureTargets): ErasedValue[] {
  const anywhere = (value: string, replacement: string) => ({ value, replacement, organizationId: null, whole: false });
  return [
    anywhere(t.accountId, erasedRef(t.accountId)),
    anywhere(t.email, ERASED_ADDRESS),
    ...t.partnerUsers.flatMap((u) => [
      anywhere(u.partnerUserId, erasedRef(u.partnerUserId)),
      { value: u.externalId, replacement: erasedRef(u.partnerUserId), organizationId: u.organizationId, whole: true },
    ]),
  ];
}

/** How the value is written inside JSON text (what `jsonb::text` shows), whole or as part of a string. */
const inJson = (v: ErasedValue) => (v.whole ? JSON.stringify(v.value) : JSON.stringify(v.value).slice(1, -1));

/** A LIKE pattern finding the value in JSON text. */
export const jsonLikePattern = (v: ErasedValue) => `%${inJson(v).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The JSON text with every value that applies to this organisation's row replaced. */
export function scrubJson(json: string, values: ErasedValue[], organizationId: string | null): string {
  let out = json;
  for (const v of values) {
    if (v.organizationId !== null && v.organizationId !== organizationId) continue;
    out = out.split(inJson(v)).join(v.whole ? JSON.stringify(v.replacement) : v.replacement);
  }
  return out;
}

/** A plain text column (an audit entry's actor or target id) scrubbed the same way. */
export function scrubText(text: string | null, values: ErasedValue[], organizationId: string | null): string | null {
  if (text === null) return null;
  let out = text;
  for (const v of values) {
    if (v.organizationId !== null && v.organizationId !== organizationId) continue;
    out = v.whole ? (out === v.value ? v.replacement : out) : out.split(v.value).join(v.replacement);
  }
  return out;
}
