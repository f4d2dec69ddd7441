import type { Request } from 'express';
import { findMiraKeyByHash } from '../../db/queries/mira/organizations';
import { hashSecret } from '../../domain/keys';
import { isMiraKey } from '../../domain/mira/keys';
import type { AppDeps } from '../context';
import { MiraError } from './errors';

/** A Mira organisation's key: it reads, and writes only with the `write` permission. */
export interface MiraPrincipal {
  organizationId: string;
  keyId: string;
  canWrite: boolean;
  /** The key's own requests per minute; null: MIRA_KEY_RATE_LIMIT_PER_MINUTE (src/api/mira/rate-limit.ts). */
  rateLimitPerMinute: number | null;
}

const BEARER = /^Bearer\s+(\S+)$/i;

/** `Authorization: Bearer mira_live_…`, looked up by its SHA-256 hash (the key itself is never stored). */
export async function authenticateMira(req: Request, deps: AppDeps): Promise<MiraPrincipal> {
  const key = BEARER.exec(req.get('authorization') ?? '')?.[1];
  if (!key) throw new MiraError('unauthorized', 'Missing API key: send Authorization: Bearer mira_live_…');
  if (!isMiraKey(key)) throw new MiraError('unauthorized', 'Invalid API key');
  const keyHash = hashSecret(key);
  // Cached like partner keys: a revocation on any process flushes every process (NOTIFY, migration 0035).
  const owner = await deps.authCache.miraKey(keyHash, () => findMiraKeyByHash(deps.database.db, keyHash));
  if (!owner) throw new MiraError('unauthorized', 'Invalid or revoked API key');
  deps.miraKeyUse.note(owner.keyId);
  return owner;
}
