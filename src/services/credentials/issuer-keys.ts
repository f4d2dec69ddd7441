import { type KeyObject, createHash, createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import type { Executor } from '../../db/client';
import { type StoredIssuerKey, insertFirstKey, signingKey } from '../../db/queries/issuer-keys';
import { deriveKey } from '../../domain/keys';
import { decryptSecret, encryptSecret } from '../webhooks/secrets';

/**
 * The key that encrypts the issuer's private keys at rest: derived from the webhook secrets' key
 * (MIR_WEBHOOK_SECRET_KEY, else the admin token), which every API and worker process has and
 * Postgres does not; a purpose of its own, so neither ciphertext opens with the other's key.
 */
export function issuerKeyEncryptionKey(webhookSecretKey: Buffer): Buffer {
  return deriveKey(webhookSecretKey.toString('base64url'), 'issuer-signing-keys');
}

export interface IssuerSigner {
  kid: string;
  /** ES256 over `data`, as JWS wants it (r||s, base64url). */
  sign(data: string): string;
}

// Decrypted once per process and kid: a key never changes, only which one signs.
const privateKeys = new Map<string, KeyObject>();

function signerFor(key: StoredIssuerKey, encryptionKey: Buffer): IssuerSigner {
  let privateKey = privateKeys.get(key.kid);
  if (!privateKey) {
    const jwk = JSON.parse(decryptSecret(encryptionKey, key.privateJwkEncrypted)) as Record<string, string>;
    privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
    privateKeys.set(key.kid, privateKey);
  }
  const keyObject = privateKey;
  return {
    kid: key.kid,
    sign: (data) =>
      sign('sha256', Buffer.from(data), { key: keyObject, dsaEncoding: 'ieee-p1363' }).toString('base64url'),
  };
}

/** A fresh ES256 key pair: the public JWK (kid = its RFC 7638 thumbprint) and the private one encrypted. */
export function newIssuerKey(encryptionKey: Buffer) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pub = publicKey.export({ format: 'jwk' }) as Record<string, string>;
  // RFC 7638: the required members in lexicographic order, no whitespace.
  const thumbprintInput = JSON.stringify({ crv: pub.crv, kty: 'EC', x: pub.x, y: pub.y });
  const kid = createHash('sha256').update(thumbprintInput).digest('base64url');
  const publicJwk = { kty: 'EC', crv: 'P-256', x: pub.x!, y: pub.y!, kid, alg: 'ES256', use: 'sig' };
  const privateJwk = JSON.stringify(privateKey.export({ format: 'jwk' }));
  return { kid, publicJwk, privateJwkEncrypted: encryptSecret(encryptionKey, privateJwk) };
}

/** The key that signs now; the very first issuance makes the first key. */
export async function currentSigner(db: Executor, encryptionKey: Buffer): Promise<IssuerSigner> {
  let key = await signingKey(db);
  if (!key) {
    await insertFirstKey(db, newIssuerKey(encryptionKey));
    key = await signingKey(db);
  }
  if (!key) throw new Error('no issuer key after creating the first');
  return signerFor(key, encryptionKey);
}
