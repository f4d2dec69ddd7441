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
  'whk',
  'msg',
  'whd',
  'acc',
  'era',
  'reg',
  'exp',
  'vc',
  'vcv',
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

// Drawn from a pool: one system call per 256 ids rather than one per id, on the hottest path.
const POOL_SIZE = 4096;
let pool = randomBytes(POOL_SIZE);
let poolOffset = 0;

function encodeRandom(length: number): string {
  if (poolOffset + length > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    poolOffset = 0;
  }
  let out = '';
  for (let i = poolOffset; i < poolOffset + length; i += 1) out += ALPHABET[pool[i]! % 32];
  poolOffset += length;
  return out;
}

/**
 * `<prefix>_<10 chars of time><16 random chars>`: readable in logs and support tickets,
 * and sortable by creation time, which keeps cursor pagination and index locality simple.
 */
export function newId(prefix: IdPrefix, now: number = Date.now()): string {
  return `${prefix}_${encodeTime(now)}${encodeRandom(16)}`;
}
