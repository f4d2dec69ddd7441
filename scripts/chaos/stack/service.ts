import { statSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../../test/helpers/stack-process';
import { Child, sleep, waitUntil } from './child';

const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

export interface ServiceOptions {
  name: string;
  /** The script `npm run <x>` runs (src/api/main.ts, worker.ts, …), run with tsx as npm does. */
  script: string;
  args?: string[];
  env: Record<string, string>;
  logFile: string;
  /** Up once this holds: an HTTP answer, or a line in its log since this start. */
  ready: { url: string } | { logLine: RegExp };
  onEvent: (event: 'up' | 'kill' | 'exit', pid: number | undefined) => void;
}

/**
 * A Node process of the stack under a supervisor, as a process manager would run it: the chaos
 * kills it and starts it again when it says; if it exits on its own (a worker that cannot reach
 * Temporal at start, say) it is started again a second later, and the exit is in the history.
 */
export class Service {
  private child: Child;
  private wanted = false;
  private generation = 0;
  up = false;

  constructor(private readonly opts: ServiceOptions) {
    this.child = this.newChild();
  }

  get name(): string {
    return this.opts.name;
  }

  private newChild(): Child {
    return new Child(this.opts.name, TSX, [this.opts.script, ...(this.opts.args ?? [])], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...this.opts.env },
      logFile: this.opts.logFile,
    });
  }

  private logSize(): number {
    try {
      return statSync(this.opts.logFile).size;
    } catch {
      return 0;
    }
  }

  private async isReady(logOffset: number): Promise<boolean> {
    const ready = this.opts.ready;
    if ('url' in ready) return (await fetch(ready.url, { signal: AbortSignal.timeout(2000) })).status === 200;
    return ready.logLine.test(readFileSync(this.opts.logFile, 'utf8').slice(logOffset));
  }

  /** Starts it and resolves once it is ready (keeps starting it while it dies during start-up). */
  async start(timeoutMs = 180_000): Promise<void> {
    this.wanted = true;
    const generation = (this.generation += 1);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const offset = this.logSize();
      this.child = this.newChild();
      this.child.start();
      const child = this.child;
      try {
        await waitUntil(
          `${this.name} ready`,
          async () => {
            if (!child.running) throw new Error('exited');
            return this.isReady(offset);
          },
          Math.max(1000, deadline - Date.now()),
        );
      } catch (err) {
        if (child.running || Date.now() > deadline) throw err;
        this.opts.onEvent('exit', child.pid);
        await sleep(1000);
        continue;
      }
      this.up = true;
      this.opts.onEvent('up', child.pid);
      void child.whenExited().then(() => this.exitedOnItsOwn(child, generation));
      return;
    }
  }

  private exitedOnItsOwn(child: Child, generation: number) {
    if (this.child !== child || generation !== this.generation || !this.wanted) return;
    this.up = false;
    this.opts.onEvent('exit', child.pid);
    void sleep(1000)
      .then(() => (this.wanted && this.child === child ? this.start() : undefined))
      .catch((err: unknown) => console.error(`${this.name} did not come back: ${String(err)}`));
  }

  /** SIGKILL to its whole group: no shutdown hook runs, connections drop mid-request. */
  async kill(): Promise<void> {
    this.wanted = false;
    this.up = false;
    this.opts.onEvent('kill', this.child.pid);
    this.child.signal('SIGKILL');
    await this.child.whenExited();
  }

  async stop(): Promise<void> {
    this.wanted = false;
    this.up = false;
    await this.child.stop();
  }
}
