import { createPublicKey, verify } from 'node:crypto';
import { SDJwtInstance } from '@sd-jwt/core';
import type { Executor } from '../../db/client';
import { statusBySeq } from '../../db/queries/credentials';
import { publishedKeys } from '../../db/queries/issuer-keys';
import {
  HISTORY_CLAIMS,
  HISTORY_VCT,
  STATUS_LIST_SIZE,
  type VerificationStatus,
  statusListUri,
} from '../../domain/credentials';
import { sha256 } from './sd-jwt';

export interface Verification {
  status: VerificationStatus;
  reason?: string;
  disclosed: Record<string, unknown>;
  expiresAt: Date | null;
  credentialId: string | null;
  mirUserId: string | null;
}

const invalid = (reason: string): Verification => ({
  status: 'INVALID',
  reason,
  disclosed: {},
  expiresAt: null,
  credentialId: null,
  mirUserId: null,
});

const decodePart = (part: string | undefined): Record<string, unknown> | null => {
  try {
    const value: unknown = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

/**
 * What a partner learns from a presented credential (POST /v1/claims/verify): signature under a key
 * MIR publishes, issuer and type, every disclosure one the issuer signed a digest of, expiry, then
 * status (read from Postgres, the list's source). Refusals are answers, not errors.
 */
export async function verifyCredential(db: Executor, credential: string, issuer: string): Promise<Verification> {
  const [jwt, ...disclosures] = credential.split('~');
  const [headerPart, payloadPart] = (jwt ?? '').split('.');
  const header = decodePart(headerPart);
  const payload = decodePart(payloadPart);
  if (!header || !payload) return invalid('malformed');
  if (header.alg !== 'ES256') return invalid('unsupported_alg');
  const key = (await publishedKeys(db)).find((k) => k.kid === header.kid);
  if (!key) return invalid('unknown_key');
  if (payload.iss !== issuer || payload.vct !== HISTORY_VCT) return invalid('wrong_issuer_or_type');
  const publicKey = createPublicKey({ key: key.publicJwk, format: 'jwk' });
  const exp = typeof payload.exp === 'number' ? payload.exp : null;
  if (exp === null) return invalid('no_expiry');
  const now = Math.floor(Date.now() / 1000);
  const sdjwt = new SDJwtInstance({
    hasher: sha256,
    hashAlg: 'sha-256',
    verifier: (data, sig) =>
      verify('sha256', Buffer.from(data), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(sig, 'base64url')),
  });
  let claims: Record<string, unknown>;
  try {
    // An expired credential is checked as of its last valid second, so it is EXPIRED only if genuine.
    const verified = await sdjwt.verify(credential, { currentDate: Math.min(now, exp - 1) });
    claims = verified.payload as Record<string, unknown>;
  } catch {
    return invalid('signature_or_disclosure');
  }
  const digests = new Set(Array.isArray(payload._sd) ? payload._sd : []);
  for (const d of disclosures.filter((x) => x !== '')) {
    if (!digests.has(Buffer.from(sha256(d)).toString('base64url'))) return invalid('unknown_disclosure');
  }
  const disclosed = Object.fromEntries(HISTORY_CLAIMS.filter((c) => c in claims).map((c) => [c, claims[c]]));
  const expiresAt = new Date(exp * 1000);
  const entry = (payload.status as { status_list?: { idx?: unknown; uri?: unknown } } | undefined)?.status_list;
  const listNo = typeof entry?.uri === 'string' ? Number(entry.uri.slice(`${issuer}/status-lists/`.length)) : NaN;
  const idx = entry?.idx;
  if (
    !Number.isSafeInteger(listNo) ||
    entry?.uri !== statusListUri(issuer, listNo) ||
    typeof idx !== 'number' ||
    !Number.isSafeInteger(idx) ||
    idx < 0 ||
    idx >= STATUS_LIST_SIZE
  ) {
    return invalid('no_status');
  }
  const status = await statusBySeq(db, listNo * STATUS_LIST_SIZE + idx);
  if (!status) return invalid('no_status');
  const known = { disclosed, expiresAt, credentialId: status.credentialId, mirUserId: status.mirUserId };
  if (status.revoked) return { status: 'REVOKED', ...known };
  if (exp <= now) return { status: 'EXPIRED', ...known };
  return { status: 'VALID', ...known };
}
