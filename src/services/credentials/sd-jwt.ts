import { createHash, randomBytes } from 'node:crypto';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import type { Signer, Verifier } from '@sd-jwt/types';

/** SHA-256, the only `_sd_alg` MIR issues. */
export const sha256 = (data: string | ArrayBuffer): Uint8Array =>
  createHash('sha256')
    .update(typeof data === 'string' ? data : Buffer.from(data))
    .digest();

/** The SD-JWT VC library set up as MIR issues and verifies: ES256, SHA-256, 128-bit salts. */
export function sdJwtVc(opts: {
  signer?: Signer;
  verifier?: Verifier;
  statusListFetcher?: (uri: string) => Promise<string>;
}) {
  return new SDJwtVcInstance({
    signer: opts.signer,
    verifier: opts.verifier,
    signAlg: 'ES256',
    hasher: sha256,
    hashAlg: 'sha-256',
    saltGenerator: (length) => randomBytes(length).toString('base64url'),
    statusListFetcher: opts.statusListFetcher,
  });
}
