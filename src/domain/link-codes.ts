import { randomInt } from 'node:crypto';

/** RFC 8628's advice for user codes: base-20 consonants, no vowels (no words), no look-alike digits. */
export const CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';
export const CODE_LENGTH = 8;
export const CODE_TTL_MS = 10 * 60 * 1000;

export function newLinkCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** `BCDF-GHJK`: how people see and type it. */
export const formatLinkCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

/** Case, spaces and dashes ignored; null when what is left cannot be a code. */
export function normalizeLinkCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  return code.length === CODE_LENGTH && [...code].every((c) => CODE_ALPHABET.includes(c)) ? code : null;
}
