import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

/**
 * One process of the stack, in a process group of its own with its output appended to a log file:
 * a signal reaches the whole group (tsx and the node under it), so SIGKILL is a real crash and
 * SIGSTOP freezes everything, and nothing the process prints passes through the chaos runner.
 */
export class Child {
  private proc: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    private readonly command: string,
    private readonly args: string[],
    private readonly opts: { cwd: string; env: NodeJS.ProcessEnv; logFile: string },
  ) {}

  start(): void {
    const log = openSync(this.opts.logFile, 'a');
    const proc = spawn(this.command, this.args, {
      cwd: this.opts.cwd,
      env: this.opts.env,
      stdio: ['ignore', log, log],
      detached: true,
    });
    closeSync(log);
    this.proc = proc;
    this.exited = new Promise((resolve) => proc.once('exit', () => resolve()));
  }

  get pid(): number | undefined {
    return this.proc?.pid;
  }

  get running(): boolean {
    return this.proc !== null && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** Signals the whole group; false when there was nothing to signal. */
  signal(signal: NodeJS.Signals): boolean {
    if (!this.running || !this.proc?.pid) return false;
    try {
      process.kill(-this.proc.pid, signal);
      return true;
    } catch {
      return false;
    }
  }

  /** Resolves once the process has exited (at once if it never ran). */
  whenExited(): Promise<void> {
    return this.exited;
  }

  /** SIGTERM (after SIGCONT, in case it is frozen), SIGKILL after `graceMs`. */
  async stop(graceMs = 20_000): Promise<void> {
    if (!this.running) return;
    this.signal('SIGCONT');
    this.signal('SIGTERM');
    const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it holds or `timeoutMs` passes; throws `what` then. */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number, everyMs = 250) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(everyMs);
  }
  throw new Error(`${what}: not within ${Math.round(timeoutMs / 1000)} s`);
}
