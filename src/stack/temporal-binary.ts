import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/** The last CLI release whose go.mod has no replace directive, so `go install` can build it. */
export const TEMPORAL_CLI_VERSION = '1.5.1';

export type BinarySource = 'TEMPORAL_CLI_PATH' | 'PATH' | 'cache' | 'go install';

export interface ResolvedBinary {
  path: string;
  source: BinarySource;
}

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'mir');
}

export function cachedBinaryPath(cacheDir: string): string {
  return path.join(cacheDir, `temporal-${TEMPORAL_CLI_VERSION}`, 'temporal');
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findOnPath(name: string, searchPath: string | undefined): string | null {
  for (const dir of (searchPath ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

/** First match wins: TEMPORAL_CLI_PATH, then `temporal` on PATH, then the cache folder. */
export function locateTemporalBinary(opts: {
  cliPath?: string;
  cacheDir: string;
  searchPath?: string;
}): ResolvedBinary | null {
  if (opts.cliPath) {
    if (!isExecutable(opts.cliPath)) throw new Error(`TEMPORAL_CLI_PATH=${opts.cliPath} is not an executable file`);
    return { path: opts.cliPath, source: 'TEMPORAL_CLI_PATH' };
  }
  const onPath = findOnPath('temporal', opts.searchPath);
  if (onPath) return { path: onPath, source: 'PATH' };
  const cached = cachedBinaryPath(opts.cacheDir);
  return isExecutable(cached) ? { path: cached, source: 'cache' } : null;
}

/** Builds the CLI from the Go module proxy into the cache; minutes the first time on a cold Go cache. */
export async function buildTemporalWithGo(opts: {
  cacheDir: string;
  log: (m: string) => void;
}): Promise<ResolvedBinary | null> {
  const go = findOnPath('go', process.env.PATH);
  if (!go) return null;
  const target = cachedBinaryPath(opts.cacheDir);
  mkdirSync(path.dirname(target), { recursive: true });
  const module = `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`;
  opts.log(`building the temporal CLI: go install ${module} (several minutes the first time)`);
  const started = Date.now();
  const ticker = setInterval(
    () => opts.log(`  still building temporal… ${Math.round((Date.now() - started) / 1000)}s`),
    30_000,
  );
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(go, ['install', module], {
        env: { ...process.env, GOBIN: path.dirname(target), GOFLAGS: '-mod=mod' },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`go install exited with ${code}`))));
    });
  } finally {
    clearInterval(ticker);
  }
  if (!existsSync(target)) throw new Error(`go install finished but ${target} is missing`);
  opts.log(`built temporal in ${Math.round((Date.now() - started) / 1000)}s → ${target}`);
  return { path: target, source: 'go install' };
}
