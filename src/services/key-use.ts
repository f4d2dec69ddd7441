import type { Logger } from 'pino';
import type { Executor } from '../db/client';
import { touchApiKeyLastUsed } from '../db/queries/api-keys';

const RESOLUTION_MS = 60_000;

/**
 * Records when each partner key (or Mira key, given touchMiraKeyLastUsed) was last used, for the
 * key lists: at most once a minute per key and process, off the request's path. Keys come from the auth cache, which does not carry the
 * time, so this process remembers when it last wrote instead; the update itself is conditional,
 * so several processes still write about once a minute per key.
 */
export class KeyUseRecorder {
  private readonly written = new Map<string, number>();

  constructor(
    private readonly db: Executor,
    private readonly logger: Logger,
    private readonly touch: (db: Executor, keyId: string) => Promise<void> = touchApiKeyLastUsed,
  ) {}

  note(keyId: string): void {
    const now = Date.now();
    const last = this.written.get(keyId);
    if (last !== undefined && now - last < RESOLUTION_MS) return;
    this.written.set(keyId, now);
    if (this.written.size > 100_000) this.written.clear();
    this.touch(this.db, keyId).catch((err: unknown) =>
      this.logger.warn({ err, keyId }, 'could not record a key use'),
    );
  }
}
