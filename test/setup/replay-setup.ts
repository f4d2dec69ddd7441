import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureWorkflowBundle } from './bundle';

declare global {
  var mirReplayBundleRoot: string | undefined;
}

/** The replay project needs no stack: only the workflow bundle (shared with the stack's when both run). */
export default async function replaySetup(): Promise<void> {
  if (process.env.MIR_TEST_WORKFLOW_BUNDLE) {
    await ensureWorkflowBundle();
    return;
  }
  const root = mkdtempSync(path.join(tmpdir(), 'mir-replay-'));
  globalThis.mirReplayBundleRoot = root;
  await ensureWorkflowBundle(root);
}
