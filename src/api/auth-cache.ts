import type postgres from 'postgres';
import type { Logger } from 'pino';
import type { ActiveKey } from '../db/queries/api-keys';
import type { MiraKeyOwner } from '../db/queries/mira/organizations';
import { NotifiedCache } from '../db/notified-cache';

/** Sent by the triggers of migration 0007 whenever a key or an organisation changes. */
export const AUTH_CHANGED_CHANNEL = 'mir_auth_changed';

/**
 * Partner keys verified in the last few seconds, so a partner's request does not pay a database
 * round trip to authenticate before doing its work. Exact as NotifiedCache keeps it: any change
 * to api_keys or organizations notifies every API process on commit (changes are rare; keys are
 * many), and entries live MIR_AUTH_CACHE_TTL_MS (5 s) at most. Unknown and revoked keys are
 * never cached: each attempt with one reaches Postgres. Mira's keys are cached the same way, on
 * the same channel (mira_api_keys notifies it too, migration 0035), so a revoked Mira key is
 * refused from the next request on every process.
 */
export class AuthCache {
  private readonly cache: NotifiedCache<ActiveKey>;
  private readonly mira: NotifiedCache<MiraKeyOwner>;

  /** ttlMs 0 turns caching off. */
  constructor(ttlMs: number) {
    this.cache = new NotifiedCache(AUTH_CHANGED_CHANNEL, ttlMs);
    this.mira = new NotifiedCache(AUTH_CHANGED_CHANNEL, ttlMs);
  }

  activeKey(keyHash: string, load: () => Promise<ActiveKey | null>): Promise<ActiveKey | null> {
    return this.cache.get(keyHash, load);
  }

  miraKey(keyHash: string, load: () => Promise<MiraKeyOwner | null>): Promise<MiraKeyOwner | null> {
    return this.mira.get(keyHash, load);
  }

  flush(): void {
    this.cache.flush();
    this.mira.flush();
  }

  async listen(sql: postgres.Sql, logger: Logger): Promise<void> {
    await Promise.all([this.cache.listen(sql, logger), this.mira.listen(sql, logger)]);
  }
}
