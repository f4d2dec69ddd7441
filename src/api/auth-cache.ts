import type postgres from 'postgres';
import type { Logger } from 'pino';
import type { ActiveKey } from '../db/queries/api-keys';

/** Sent by the triggers of migration 0007 whenever a key or an organisation changes. */
export const AUTH_CHANGED_CHANNEL = 'mir_auth_changed';
const MAX_ENTRIES = 10_000;

/**
 * Partner keys verified in the last few seconds, so a partner's request does not pay a database
 * round trip to authenticate before doing its work. It can never be staler than this:
 * - any change to api_keys or organizations, from any process or by hand, notifies every API
 *   process on commit, and each drops its whole cache (changes are rare; keys are many);
 * - the process that makes a change drops its own cache before it answers, not waiting for the
 *   notification;
 * - entries live MIR_AUTH_CACHE_TTL_MS (5 s) at most: the bound should notifications be lost while the listening
 *   connection reconnects. Until the first LISTEN succeeds nothing is cached.
 * A lookup that began before a flush is not stored, so it cannot bring back what the flush
 * removed. Unknown and revoked keys are never cached: each attempt with one reaches Postgres.
 */
export class AuthCache {
  /** ttlMs 0 turns caching off. */
  constructor(private readonly ttlMs: number) {}

  private readonly entries = new Map<string, { key: ActiveKey; expiresAt: number }>();
  private generation = 0;
  private listening = false;

  async activeKey(keyHash: string, load: () => Promise<ActiveKey | null>): Promise<ActiveKey | null> {
    const hit = this.entries.get(keyHash);
    if (hit && hit.expiresAt > Date.now()) return hit.key;
    const generation = this.generation;
    const key = await load();
    if (!key || !this.listening || this.ttlMs === 0 || generation !== this.generation) return key;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(keyHash, { key, expiresAt: Date.now() + this.ttlMs });
    return key;
  }

  flush(): void {
    this.generation += 1;
    this.entries.clear();
  }

  /** Resolves once listening; postgres.js re-listens after a reconnect, and each (re)start flushes. */
  async listen(sql: postgres.Sql, logger: Logger): Promise<void> {
    await sql.listen(
      AUTH_CHANGED_CHANNEL,
      () => this.flush(),
      () => {
        this.flush();
        this.listening = true;
        logger.debug('auth cache listening for key and organisation changes');
      },
    );
  }
}
