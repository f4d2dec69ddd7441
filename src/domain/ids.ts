import { randomBytes } from 'node:crypto';

export const ID_PREFIXES = [
  'org',
  'key',
  'aud',
  'req',
  'smk',
  'evt',
  'usr',
  'agent',
  'rot',
  'dec',
  'acct',
  'mail',
  'link',
  'linv',
  'lcode',
  'spr',
  'rvk',
  'minv',
  'mbr',
] as const;
export type IdPrefix = (typeof ID_PREFIXES)[number];

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower-case

function encodeTime(ms: number): string {
  let out = '';
  let rest = ms;
  for (let i = 0; i < 10; i += 1) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function encodeRandom(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % 32];
  return out;
}

/**
 * `<prefix>_<10 chars of time><16 random chars>`: readable in logs and support tickets,
 * and sortable by creation time, which keeps cursor pagination and index locality simple.
 */
export function newId(prefix: IdPrefix, now: number = Date.now()): string {
  return `${prefix}_${encodeTime(now)}${encodeRandom(16)}`;
}
