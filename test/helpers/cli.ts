import { execFile } from 'node:child_process';
import { testEnv } from './env';
import { REPO_ROOT } from './stack-process';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The operator's environment on the test stack: its API, admin token, Postgres and Temporal. */
export function operatorEnv(extra: Record<string, string> = {}): Record<string, string> {
  const { apiUrl, adminToken, databaseUrl, temporalAddress } = testEnv();
  return {
    MIR_API_URL: apiUrl,
    MIR_ADMIN_TOKEN: adminToken,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    NODE_ENV: 'development',
    ...extra,
  };
}

/** `npm run mir -- …` as a real process; resolves with its exit code, never rejects on one. */
export function runMir(args: string[], extra: Record<string, string> = {}): Promise<CliResult> {
  return runScript('mir', args, extra);
}

/** `npm run <script> -- …` with the operator's environment, as runMir. */
export function runScript(script: string, args: string[], extra: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '-s', script, '--', ...args],
      { cwd: REPO_ROOT, env: { ...process.env, ...operatorEnv(extra) }, timeout: 120_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The last line of stdout as JSON (the line `--json` prints). */
export const lastJson = (r: CliResult) => JSON.parse(r.stdout.trim().split('\n').pop()!);
