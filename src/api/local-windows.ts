const WINDOW_MS = 60_000;

/**
 * Fixed one-minute windows counted in this process, aligned to the wall-clock minute like the
 * shared ones in Postgres. The map holds only the current minute's buckets, so it cannot grow
 * past the number of organisations active in one minute.
 */
export class LocalWindows {
  private windowStart = 0;
  private counts = new Map<string, number>();

  count(bucket: string, now = Date.now()): { count: number; resetsAt: number } {
    const start = now - (now % WINDOW_MS);
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.counts = new Map();
    }
    const count = (this.counts.get(bucket) ?? 0) + 1;
    this.counts.set(bucket, count);
    return { count, resetsAt: start + WINDOW_MS };
  }
}
