import type { Logger } from 'pino';
import type { Database } from '../db/client';

/** What one pass found: a full batch (look again at once), or a stall (wait for the sweep). */
export interface Pass {
  more: boolean;
  stalled?: boolean;
}

export interface DrainLoopOptions {
  database: Database;
  logger: Logger;
  /** What the loop drains, for its log lines. */
  name: string;
  /** Notified by an insert trigger at each commit that added rows. */
  channel: string;
  /** The sweep that backs up LISTEN/NOTIFY (a notification is lost while the connection reconnects). */
  sweepMs: number;
  pass: () => Promise<Pass>;
}

/**
 * The loop of a worker's outbox dispatcher (workflow starts, mails): a pass at each NOTIFY, and
 * every sweepMs besides. A notification during a pass makes another pass before sleeping; a pass
 * that failed or stalled waits for the sweep.
 */
export class DrainLoop {
  private stopped = false;
  private wake: (() => void) | null = null;
  private notified = false;
  private loop: Promise<void> | null = null;
  private unlisten: (() => Promise<void>) | null = null;

  constructor(private readonly opts: DrainLoopOptions) {}

  /** Set once stop() was called: a pass stops taking more work. */
  get stopping(): boolean {
    return this.stopped;
  }

  /** Look again now, as a notification would make it. */
  poke(): void {
    this.notified = true;
    this.wake?.();
  }

  async start(): Promise<void> {
    try {
      const listening = await this.opts.database.sql.listen(this.opts.channel, () => this.poke());
      this.unlisten = listening.unlisten;
    } catch (err) {
      this.opts.logger.warn({ err }, `${this.opts.name} cannot LISTEN; sweeping only`);
    }
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    await this.unlisten?.().catch(() => undefined);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let pass: Pass = { more: false, stalled: true };
      this.notified = false;
      try {
        pass = await this.opts.pass();
      } catch (err) {
        this.opts.logger.warn({ err }, `${this.opts.name} failed; retrying`);
      }
      const more = pass.more || this.notified;
      if ((pass.stalled || !more) && !this.stopped) await this.sleep(this.opts.sweepMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
