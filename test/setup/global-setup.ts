import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { allocateStackPorts, spawnStack, stopStack, waitForReady } from '../helpers/stack-process';
import type { ChildProcess } from 'node:child_process';
import { SIGNUPS_PER_IP_FOR_TESTS, WEBHOOK_RETRY_SCHEDULE_FOR_TESTS } from '../helpers/env';
import { ensureWorkflowBundle } from './bundle';

declare global {
  var mirTestStack: { child: ChildProcess; root: string } | undefined;
}

/**
 * Starts the real stack once for the whole run, exactly as `npm start` does (embedded Postgres,
 * Temporal dev server, worker, API), on free ports and a throwaway data folder. Workflows are
 * bundled once (or the replay project's bundle is reused) and shared by every worker the tests start.
 *
 * The `integration` and `browser` projects both name this file; jest runs a global setup once per
 * distinct path among the projects that have tests selected, so the stack starts once, and only
 * when one of them runs. The guard below keeps it so if that ever changes.
 */
export default async function globalSetup(): Promise<void> {
  if (globalThis.mirTestStack) return;
  const root = mkdtempSync(path.join(tmpdir(), 'mir-test-'));
  const bundlePath = await ensureWorkflowBundle(root);

  const ports = await allocateStackPorts();
  const adminToken = `mir_admin_test_${randomBytes(24).toString('base64url')}`;
  // Per run, so concurrent runs never clobber each other's log; teardown keeps a copy in test-artifacts/.
  const logFile = path.join(root, 'stack.log');
  const child = spawnStack({
    dataDir: path.join(root, 'data'),
    logFile,
    env: {
      ...ports,
      MIR_ADMIN_TOKEN: adminToken,
      MIR_WORKFLOW_BUNDLE: bundlePath,
      LOG_LEVEL: 'info',
      // Every test signs its people up from 127.0.0.1; throttles.test.ts runs its own API with the default.
      MIR_SIGNUPS_PER_IP_PER_HOUR: SIGNUPS_PER_IP_FOR_TESTS,
      // Test files sign people up in parallel; on a busy machine the default 5 s wait for an argon2
      // slot is exceeded (503 overloaded). The bound itself is proven by test/unit/passwords.test.ts.
      MIR_ARGON2_WAIT_MS: '300000',
      // Webhook retries in seconds, not hours (the production schedule: docs/webhooks.md).
      MIR_WEBHOOK_RETRY_SCHEDULE_MS: WEBHOOK_RETRY_SCHEDULE_FOR_TESTS,
    },
  });
  globalThis.mirTestStack = { child, root };
  const apiUrl = `http://127.0.0.1:${ports.PORT}`;
  try {
    // Generous: on a new machine the first start also builds the temporal CLI with Go.
    await waitForReady(apiUrl, child, 45 * 60_000);
  } catch (err) {
    await stopStack(child);
    throw new Error(`${(err as Error).message}; see ${logFile}`, { cause: err });
  }

  Object.assign(process.env, {
    MIR_TEST_API_URL: apiUrl,
    MIR_TEST_ADMIN_TOKEN: adminToken,
    MIR_TEST_DATABASE_URL: `postgres://postgres:postgres@127.0.0.1:${ports.MIR_PG_PORT}/mir`,
    MIR_TEST_TEMPORAL_ADDRESS: `127.0.0.1:${ports.MIR_TEMPORAL_PORT}`,
    MIR_TEST_LOG_FILE: logFile,
    MIR_TEST_WORKFLOW_BUNDLE: bundlePath,
    MIR_TEST_ROOT: root,
  });
}
