import { randomUUID } from 'node:crypto';
import type { Executor } from '../../db/client';
import { insertCredential, insertStatus } from '../../db/queries/credentials';
import {
  HISTORY_CLAIMS,
  HISTORY_VCT,
  type HistoryClaim,
  type HistoryClaims,
  statusListUri,
  statusPosition,
} from '../../domain/credentials';
import { newId } from '../../domain/ids';
import { ownHistory } from '../own-history';
import { currentSigner } from './issuer-keys';
import { sdJwtVc } from './sd-jwt';

const DAY_MS = 86_400_000;

/** What `/resolve` answers about the person across their linked partners now (src/services/own-history.ts). */
export async function historyClaims(db: Executor, mirUserId: string, now: Date): Promise<HistoryClaims> {
  const h = await ownHistory(db, mirUserId, now);
  return {
    tier: h.tier,
    eventCount: h.eventCount,
    partnerCount: h.partnerCount,
    lastActivityMonth: h.lastEventAt ? h.lastEventAt.toISOString().slice(0, 7) : null,
  };
}

/**
 * A compact SD-JWT VC of the person's history: every history claim is a disclosure, and only the
 * chosen ones are appended. It names no account, address or partner id; `jti` is random per
 * credential. Its status entry and row are written in `db`, so a request that fails leaves none.
 */
export async function issueCredential(
  db: Executor,
  input: { mirUserId: string; disclose: HistoryClaim[]; expiresInDays: number; issuer: string; encryptionKey: Buffer },
) {
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const expiresAt = new Date(now.getTime() + input.expiresInDays * DAY_MS);
  const claims = await historyClaims(db, input.mirUserId, now);
  const signer = await currentSigner(db, input.encryptionKey);
  const seq = await insertStatus(db, expiresAt);
  const { listNo, idx } = statusPosition(seq);
  const sdjwt = sdJwtVc({ signer: (data) => signer.sign(data) });
  const issued = await sdjwt.issue(
    {
      iss: input.issuer,
      vct: HISTORY_VCT,
      iat: now.getTime() / 1000,
      exp: expiresAt.getTime() / 1000,
      jti: randomUUID(),
      status: { status_list: { idx, uri: statusListUri(input.issuer, listNo) } },
      ...claims,
    },
    { _sd: [...HISTORY_CLAIMS] },
    { header: { kid: signer.kid } },
  );
  const chosen = Object.fromEntries(input.disclose.map((c) => [c, true]));
  const credential = await sdjwt.present(issued, chosen);
  const id = newId('vc');
  await insertCredential(db, {
    id,
    mirUserId: input.mirUserId,
    statusSeq: seq,
    kid: signer.kid,
    claims,
    disclosed: input.disclose,
    issuedAt: now,
    expiresAt,
  });
  return { id, credential, expiresAt };
}
