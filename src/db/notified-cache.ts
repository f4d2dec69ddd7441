import type postgres from 'postgres';
import type { Logger } from 'pino';

const MAX_ENTRIES = 10_000;

/**
 * A per-process cache of rows that change rarely and are read on every request, kept exact by
 * Postgres: triggers NOTIFY a channel on commit of any change, by any process or by hand, and
 * every process listening drops the whole cache. Also:
 * - the process making a change flushes its own cache after the commit, before it answers, so
 *   its caller's very next request reads the change whatever the notification's delay;
 * - entries live `ttlMs` at most: the bound should notifications be lost while the listening
 *   connection reconnects. Until the first LISTEN succeeds nothing is cached;
 * - a load that began before a flush is not stored, so it cannot bring back what was flushed;
 * - null (an unknown key, an organisation without overrides is not null) is never cached.
 */
export class NotifiedCache<V> {
  /** ttlMs 0 turns caching off. */
  constructor(
    private readonly channel: string,
    private readonly ttlMs: number,
  ) {}

  private readonly entries = new Map<string, { value: V; expiresAt: number }>();
  private generation = 0;
  private listening = false;

  async get(key: string, load: () => Promise<V | null>): Promise<V | null> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > Date.now()) return hit.value;
    const generation = this.generation;
    const value = await load();
    if (value === null || !this.listening || this.ttlMs === 0 || generation !== this.generation) return value;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, expiresAt: Date.now() + this.ttlMs });
    return value;
  }

  flush(): void {
    this.generation += 1;
    this.entries.clear();
  }

  /** Resolves once listening; postgres.js re-listens after a reconnect, and each (re)start flushes. */
  async listen(sql: postgres.Sql, logger: Logger): Promise<void> {
    await sql.listen(
      this.channel,
      () => this.flush(),
      () => {
        this.flush();
        this.listening = true;
        logger.debug({ channel: this.channel }, 'cache listening for changes');
      },
    );
  }
}
