import argon2 from 'argon2';
import { BoundExceeded } from '../domain/bounds';

/** What GET /admin/diagnostics/argon2 shows: this process's argon2 work since it started. */
export interface Argon2Stats {
  verifications: number;
  hashes: number;
  running: number;
  waiting: number;
  /** The most argon2 computations this process ever ran at once (never above the cap). */
  peakRunning: number;
  concurrency: number;
}

// Verified against for unknown emails, so both failures cost the same time.
const DUMMY_HASH = argon2.hash('not-a-real-password-for-timing', { type: argon2.argon2id });

/**
 * Every argon2 computation of an API process goes through here: at most `concurrency` at once
 * (each takes tens of MB and a thread), the rest wait in line at most `waitMs`, then get 503
 * `overloaded` (bound `argon2`) instead of piling up behind a flood of logins.
 */
export class Passwords {
  private running = 0;
  private readonly waiters: (() => void)[] = [];
  private readonly counts = { verifications: 0, hashes: 0, peakRunning: 0 };

  constructor(
    private readonly concurrency: number,
    private readonly waitMs: number,
  ) {}

  hash(password: string): Promise<string> {
    return this.run('hashes', () => argon2.hash(password, { type: argon2.argon2id }));
  }

  /** False for a null hash too, after the same work (an unknown email costs what a wrong password does). */
  async matches(hash: string | null, password: string): Promise<boolean> {
    const dummy = await DUMMY_HASH;
    const ok = await this.run('verifications', () => argon2.verify(hash ?? dummy, password).catch(() => false));
    return hash !== null && ok;
  }

  stats(): Argon2Stats {
    return { ...this.counts, running: this.running, waiting: this.waiters.length, concurrency: this.concurrency };
  }

  private async run<T>(kind: 'verifications' | 'hashes', work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      this.counts[kind] += 1;
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.running < this.concurrency) return Promise.resolve(this.take());
    return new Promise((resolve, reject) => {
      const waiter = () => {
        clearTimeout(timer);
        this.take();
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new BoundExceeded('argon2', 'Too many password checks at once; retry shortly', 'overloaded'));
      }, this.waitMs);
      this.waiters.push(waiter);
    });
  }

  private take(): void {
    this.running += 1;
    this.counts.peakRunning = Math.max(this.counts.peakRunning, this.running);
  }

  private release(): void {
    this.running -= 1;
    this.waiters.shift()?.();
  }
}
