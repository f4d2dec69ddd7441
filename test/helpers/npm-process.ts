import { type ChildProcess, spawn } from 'node:child_process';
import { REPO_ROOT } from './stack-process';

export interface NpmProcess {
  child: ChildProcess;
  /** Started as its own process group, so SIGKILL reaches npm's children too (a real crash). */
  ownGroup?: boolean;
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs an npm script the way a developer would, keeping everything it prints. */
export function runNpm(args: string[], env: Record<string, string>, opts: { ownGroup?: boolean } = {}): NpmProcess {
  let output = '';
  const child = spawn('npm', args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: opts.ownGroup === true,
  });
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, ownGroup: opts.ownGroup === true, output: () => output, exited };
}

export async function waitForOutput(proc: NpmProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = proc.output().match(pattern);
    if (match) return match;
    if (proc.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`did not see ${pattern} in time; output:\n${proc.output().slice(-3000)}`);
}

export async function terminate(proc: NpmProcess, signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 60_000) {
  if (proc.child.exitCode !== null) return proc.child.exitCode;
  // npm does not pass SIGKILL on: without a group of its own, the script under it would live on.
  if (signal === 'SIGKILL' && proc.ownGroup && proc.child.pid) process.kill(-proc.child.pid, 'SIGKILL');
  else proc.child.kill(signal);
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), timeoutMs);
  const code = await proc.exited;
  clearTimeout(timer);
  return code;
}
