import type postgres from 'postgres';
import type { Logger } from 'pino';
import type { ActiveKey } from '../db/queries/api-keys';
import { NotifiedCache } from '../db/notified-cache';

/** Sent by the triggers of migration 0007 whenever a key or an organisation changes. */
export const AUTH_CHANGED_CHANNEL = 'mir_auth_changed';

/**
 * Partner keys verified in the last few seconds, so a partner's request does not pay a database
 * round trip to authenticate before doing its work. Exact as NotifiedCache keeps it: any change
 * to api_keys or organizations notifies every API process on commit (changes are rare; keys are
 * many), and entries live MIR_AUTH_CACHE_TTL_MS (5 s) at most. Unknown and revoked keys are
 * never cached: each attempt with one reaches Postgres.
 */
export class AuthCache {
  private readonly cache: NotifiedCache<ActiveKey>;

  /** ttlMs 0 turns caching off. */
  constructor(ttlMs: number) {
    this.cache = new NotifiedCache(AUTH_CHANGED_CHANNEL, ttlMs);
  }

  activeKey(keyHash: string, load: () => Promise<ActiveKey | null>): Promise<ActiveKey | null> {
    return this.cache.get(keyHash, load);
  }

  flush(): void {
    this.cache.flush();
  }

  listen(sql: postgres.Sql, logger: Logger): Promise<void> {
    return this.cache.listen(sql, logger);
  }
}
