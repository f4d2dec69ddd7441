import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/** Pinned: a new schemathesis brings new checks, and the fuzz step must not turn red on its own. */
export const SCHEMATHESIS_VERSION = '4.32.5';

const cacheDir = () => process.env.MIR_CACHE_DIR || path.join(homedir(), '.cache', 'mir');

function installedVersion(bin: string): string | null {
  if (!existsSync(bin)) return null;
  try {
    return /version (\S+)/.exec(execFileSync(bin, ['--version'], { encoding: 'utf8' }))?.[1] ?? null;
  } catch {
    return null;
  }
}

/**
 * The schemathesis CLI from a virtual environment of its own under the cache folder, outside the
 * repository and any system Python; (re)installed from PyPI when missing or at another version.
 */
export function ensureSchemathesis(): string {
  const venv = path.join(cacheDir(), 'schemathesis-venv');
  const bin = path.join(venv, 'bin', 'schemathesis');
  if (installedVersion(bin) === SCHEMATHESIS_VERSION) return bin;
  console.log(`installing schemathesis ${SCHEMATHESIS_VERSION} into ${venv}`);
  const python = process.env.PYTHON || 'python3';
  execFileSync(python, ['-m', 'venv', venv], { stdio: 'inherit' });
  const pip = path.join(venv, 'bin', 'pip');
  execFileSync(pip, ['install', '--quiet', '--disable-pip-version-check', `schemathesis==${SCHEMATHESIS_VERSION}`], {
    stdio: 'inherit',
  });
  const version = installedVersion(bin);
  if (version !== SCHEMATHESIS_VERSION)
    throw new Error(`schemathesis ${SCHEMATHESIS_VERSION} not installed (${version})`);
  return bin;
}
