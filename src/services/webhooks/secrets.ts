import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Config } from '../../config';
import { deriveKey } from '../../domain/keys';

const PURPOSE = 'webhook-signing-secrets';
const VERSION = 'v1';

/**
 * The key that encrypts webhook signing secrets at rest: from MIR_WEBHOOK_SECRET_KEY, else derived
 * from the admin token (which the API and the worker both have, and Postgres does not). A secret
 * must be usable for HMAC later, so it cannot be kept as a hash like API keys are.
 */
export function webhookSecretKey(config: Config, adminToken: string): { key: Buffer; derived: boolean } {
  const source = config.MIR_WEBHOOK_SECRET_KEY;
  return { key: deriveKey(source ?? adminToken, PURPOSE), derived: source === undefined };
}

/** AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>`, each base64url. */
export function encryptSecret(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** Throws when the key is not the one that encrypted it (MIR_WEBHOOK_SECRET_KEY or the admin token changed). */
export function decryptSecret(key: Buffer, ciphertext: string): string {
  const [version, iv, tag, body] = ciphertext.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('not a webhook secret ciphertext');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
