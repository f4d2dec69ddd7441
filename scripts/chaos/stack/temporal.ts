import { loadConfig } from '../../../src/config';
import { buildTemporalWithGo, defaultCacheDir, locateTemporalBinary } from '../../../src/stack/temporal-binary';
import { devServerArgs, waitForTemporal } from '../../../src/stack/temporal-server';
import { Child } from './child';

/**
 * The Temporal dev server `npm start` runs, as a child the chaos can SIGKILL (and restart on the
 * same SQLite file) or SIGSTOP (a partition: connections stay open, nothing answers).
 */
export class ChaosTemporal {
  private child: Child | null = null;
  private binary = '';

  constructor(
    private readonly dataDir: string,
    readonly port: number,
    private readonly uiPort: number,
    private readonly logFile: string,
  ) {}

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    if (!this.binary) {
      const config = loadConfig({});
      const cacheDir = config.MIR_CACHE_DIR ?? defaultCacheDir();
      const found =
        locateTemporalBinary({ cliPath: process.env.TEMPORAL_CLI_PATH, cacheDir, searchPath: process.env.PATH }) ??
        (await buildTemporalWithGo({ cacheDir, log: console.log }));
      if (!found) throw new Error('no temporal CLI: run `npm run temporal:install` first');
      this.binary = found.path;
    }
    const args = devServerArgs({
      dataDir: this.dataDir,
      port: this.port,
      uiPort: this.uiPort,
      namespace: 'default',
      log: () => undefined,
    });
    const child = new Child('temporal', this.binary, args, {
      cwd: this.dataDir,
      env: process.env,
      logFile: this.logFile,
    });
    child.start();
    this.child = child;
    await waitForTemporal(this.address, 'default', 120_000, () => !child.running);
  }

  kill(): void {
    this.child?.signal('SIGKILL');
  }

  async whenExited(): Promise<void> {
    await this.child?.whenExited();
  }

  pause(): void {
    this.child?.signal('SIGSTOP');
  }

  resume(): void {
    this.child?.signal('SIGCONT');
  }

  async stop(): Promise<void> {
    await this.child?.stop();
  }
}
