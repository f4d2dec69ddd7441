import { createHmac, hash, randomBytes, timingSafeEqual } from 'node:crypto';

export const PARTNER_KEY_PREFIX = 'mir_';
export const AGENT_KEY_PREFIX = 'mir_agent_';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function base62(bytes: Buffer): string {
  let n = BigInt(`0x${bytes.toString('hex')}`);
  let out = '';
  while (n > 0n) {
    out = BASE62[Number(n % 62n)] + out;
    n /= 62n;
  }
  return out.padStart(43, '0');
}

export interface IssuedSecret {
  /** Shown to the caller once; never stored, logged or sent to Temporal. */
  plaintext: string;
  hash: string;
  /** Enough to recognise a key in a list without revealing it. */
  displayPrefix: string;
}

/** The one-shot hash: every authenticated request pays it, and it builds no Hash object. */
export function hashSecret(secret: string): string {
  return hash('sha256', secret, 'hex');
}

/**
 * A key for keyed hashes, derived from a server secret for one purpose: the secret itself is
 * never the key, and each purpose gets its own.
 */
export function deriveKey(serverSecret: string, purpose: string): Buffer {
  return createHmac('sha256', serverSecret).update(purpose, 'utf8').digest();
}

/**
 * HMAC-SHA256, for secrets too short to be safe as a plain hash: without the key, a leaked
 * table of these cannot be searched by trying every possible secret.
 */
export function keyedHash(secret: string, key: Buffer): string {
  return createHmac('sha256', key).update(secret, 'utf8').digest('hex');
}

/** 32 random bytes (256 bits) in base62, behind a readable prefix. */
export function issueSecret(prefix: string): IssuedSecret {
  const plaintext = `${prefix}${base62(randomBytes(32))}`;
  return { plaintext, hash: hashSecret(plaintext), displayPrefix: plaintext.slice(0, prefix.length + 6) };
}

export function isAgentKey(key: string): boolean {
  return key.startsWith(AGENT_KEY_PREFIX);
}

/** Compares digests, so neither the length nor the content of the secret leaks through timing. */
export function secretMatchesHash(secret: string, expectedHash: string): boolean {
  const actual = Buffer.from(hashSecret(secret), 'hex');
  const expected = Buffer.from(expectedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
