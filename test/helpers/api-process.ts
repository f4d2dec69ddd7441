import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SIGNUPS_PER_IP_FOR_TESTS, testEnv } from './env';
import { type NpmProcess, runNpm, terminate, waitForOutput } from './npm-process';
import { freePort } from './ports';

export interface ApiProcess {
  url: string;
  proc: NpmProcess;
  /** SIGTERM, wait for the exit, remove its data folder; resolves to the exit code. */
  stop: () => Promise<number | null>;
}

/**
 * Starts one more `npm run api` against the test stack's Postgres and Temporal (nothing embedded),
 * on a free port, and resolves once it answers `until` (GET /ready; /health for a process that is
 * meant to run without Temporal) with 200.
 */
export async function startApiProcess(
  extraEnv: Record<string, string> = {},
  timeoutMs = 120_000,
  until: '/ready' | '/health' = '/ready',
  /** ownGroup: in a process group of its own, so `terminate(proc, 'SIGKILL')` is a real crash. */
  opts: { ownGroup?: boolean } = {},
): Promise<ApiProcess> {
  const { databaseUrl, temporalAddress, adminToken } = testEnv();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mir-api-'));
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const proc = runNpm(
    ['run', 'api'],
    {
      NODE_ENV: 'development',
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      MIR_ADMIN_TOKEN: adminToken,
      MIR_DATA_DIR: dataDir,
      PORT: String(port),
      MIR_SIGNUPS_PER_IP_PER_HOUR: SIGNUPS_PER_IP_FOR_TESTS,
      ...extraEnv,
    },
    opts,
  );
  const stop = async () => {
    const code = await terminate(proc);
    rmSync(dataDir, { recursive: true, force: true });
    return code;
  };
  try {
    const deadline = Date.now() + timeoutMs;
    await waitForOutput(proc, /api listening/, timeoutMs);
    for (;;) {
      const status = await fetch(`${url}${until}`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) break;
      if (Date.now() > deadline) throw new Error(`${url}${until} did not answer 200 in time (last ${status})`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, proc, stop };
}
