import { StatusList, createHeaderAndPayload } from '@sd-jwt/jwt-status-list';
import type { Executor } from '../../db/client';
import { revokedIndexes, statusListExists } from '../../db/queries/credentials';
import { STATUS_LIST_SIZE, STATUS_LIST_TTL_SECONDS, statusListUri } from '../../domain/credentials';
import { currentSigner } from './issuer-keys';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** How long a status list JWT stays valid: a verifier that cached one must fetch again after `ttl` anyway. */
const STATUS_LIST_EXP_SECONDS = 86_400;

/**
 * Status list `listNo` as a signed `statuslist+jwt` (1 bit per credential, 1 = revoked), read from
 * Postgres on every request: a revocation is in the very next list any API process serves, and
 * Cache-Control lets a client keep it for at most STATUS_LIST_TTL_SECONDS. Null for a list nobody was given.
 */
export async function signedStatusList(db: Executor, opts: { issuer: string; listNo: number; encryptionKey: Buffer }) {
  if (!(await statusListExists(db, opts.listNo))) return null;
  const bits = new Array<number>(STATUS_LIST_SIZE).fill(0);
  for (const idx of await revokedIndexes(db, opts.listNo)) bits[idx] = 1;
  const signer = await currentSigner(db, opts.encryptionKey);
  const iat = Math.floor(Date.now() / 1000);
  const { header, payload } = createHeaderAndPayload(
    new StatusList(bits, 1),
    {
      iss: opts.issuer,
      sub: statusListUri(opts.issuer, opts.listNo),
      iat,
      exp: iat + STATUS_LIST_EXP_SECONDS,
      ttl: STATUS_LIST_TTL_SECONDS,
    },
    { alg: 'ES256', typ: 'statuslist+jwt', kid: signer.kid },
  );
  const signingInput = `${b64(header)}.${b64(payload)}`;
  return `${signingInput}.${signer.sign(signingInput)}`;
}
