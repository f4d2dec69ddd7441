import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cachedBinaryPath, locateTemporalBinary } from '../../src/stack/temporal-binary';
import { devServerArgs } from '../../src/stack/temporal-server';

function fakeExecutable(file: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, 0o755);
  return file;
}

describe('locateTemporalBinary', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'mir-bin-'));
  const cacheDir = path.join(root, 'cache');
  const onPath = fakeExecutable(path.join(root, 'bin', 'temporal'));
  const explicit = fakeExecutable(path.join(root, 'explicit', 'temporal'));
  const cached = fakeExecutable(cachedBinaryPath(cacheDir));

  it('prefers TEMPORAL_CLI_PATH, then PATH, then the cache', () => {
    const searchPath = path.join(root, 'bin');
    expect(locateTemporalBinary({ cliPath: explicit, cacheDir, searchPath })).toEqual({
      path: explicit,
      source: 'TEMPORAL_CLI_PATH',
    });
    expect(locateTemporalBinary({ cacheDir, searchPath })).toEqual({ path: onPath, source: 'PATH' });
    expect(locateTemporalBinary({ cacheDir, searchPath: path.join(root, 'nothing') })).toEqual({
      path: cached,
      source: 'cache',
    });
  });

  it('returns null when there is nothing, and fails loudly on a bad TEMPORAL_CLI_PATH', () => {
    expect(locateTemporalBinary({ cacheDir: path.join(root, 'empty'), searchPath: '' })).toBeNull();
    expect(() => locateTemporalBinary({ cliPath: path.join(root, 'missing'), cacheDir })).toThrow(/TEMPORAL_CLI_PATH/);
  });

  it('keeps the cache outside the repository', () => {
    expect(cachedBinaryPath(cacheDir)).toContain(`temporal-1.5.1${path.sep}temporal`);
  });
});

describe('devServerArgs', () => {
  it('persists to a file in WAL mode with the MIR search attributes registered', () => {
    const args = devServerArgs({
      dataDir: '/data',
      port: 7233,
      uiPort: 8233,
      namespace: 'default',
      log: () => undefined,
    }).join(' ');
    expect(args).toContain('--db-filename /data/temporal.sqlite');
    expect(args).toContain('--sqlite-pragma journal_mode=wal');
    for (const name of ['MirOrgId', 'MirAgentId', 'MirUserId', 'MirOperation', 'MiraOrgId']) {
      expect(args).toContain(`--search-attribute ${name}=Keyword`);
    }
  });
});
