/** A Ctrl-C reaches every process in the group, and wrappers (npm, tsx) relay it again: one press. */
const DUPLICATE_SIGNAL_WINDOW_MS = 2000;
const ORPHAN_CHECK_MS = 2000;

/**
 * Runs `stop` once on the first SIGINT or SIGTERM, or when the parent process disappears, then
 * exits. A later signal while stopping exits at once, so an operator is never stuck behind a
 * hung dependency.
 */
export function onShutdownSignal(stop: (reason: string) => Promise<void>): void {
  let stoppingSince: number | null = null;
  const handle = (reason: string) => {
    if (stoppingSince !== null) {
      if (Date.now() - stoppingSince > DUPLICATE_SIGNAL_WINDOW_MS) process.exit(130);
      return;
    }
    stoppingSince = Date.now();
    stop(reason).then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('shutdown failed', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => handle('SIGINT'));
  process.on('SIGTERM', () => handle('SIGTERM'));
  // If whatever started us is killed outright, nobody is left to send a signal: stop by ourselves.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) handle('parent process exited');
  }, ORPHAN_CHECK_MS).unref();
}
