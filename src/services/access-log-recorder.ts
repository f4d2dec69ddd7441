import type { Logger } from 'pino';
import type { Db } from '../db/client';
import { type Access, accessLine, insertAccessLines, sweepAccessLog } from '../db/queries/access-log';
import { newId } from '../domain/ids';
import { CopyBuffer } from './copy-buffer';

const SWEEP_MS = 60 * 60 * 1000;

/**
 * Who looked a person up (GET /v1/me/access-log): each resolve, evaluation or link-status lookup
 * of a linked person, logged off the request path like the decision log (CopyBuffer). Lookups of
 * users who linked no MIR account are not logged: the person has no account to show them to.
 */
export class AccessLogRecorder {
  private readonly buffer: CopyBuffer;
  private readonly sweeper: NodeJS.Timeout;

  constructor(db: Db, logger: Logger, opts: { retentionDays: number; maxBuffered: number }) {
    this.buffer = new CopyBuffer({
      write: (text) => insertAccessLines(db, text),
      logger,
      maxHeld: opts.maxBuffered,
      bound: 'access_log_buffer',
      name: 'access log',
    });
    const sweep = () =>
      sweepAccessLog(db, opts.retentionDays).catch((err: unknown) => logger.warn({ err }, 'access log sweep failed'));
    this.sweeper = setInterval(sweep, SWEEP_MS);
    this.sweeper.unref();
  }

  /** Before the answer: refuses (503) rather than answer a lookup it could not log. */
  record(accesses: readonly Access[], now: Date): void {
    if (accesses.length === 0) return;
    this.buffer.reserve(accesses.length);
    const at = now.toISOString();
    let lines = '';
    for (const access of accesses) lines += accessLine(newId('acc', now.getTime()), access, at);
    this.buffer.push(lines, accesses.length);
  }

  flush(): Promise<void> {
    return this.buffer.flush();
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await this.buffer.flush();
  }
}
