import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { REPO_ROOT } from '../helpers/stack-process';

/**
 * The workflow bundle for the run: built once and published as MIR_TEST_WORKFLOW_BUNDLE, so the
 * replay project and the stack (whichever global setup runs first) share it. Returns its path.
 */
export async function ensureWorkflowBundle(dir?: string): Promise<string> {
  const existing = process.env.MIR_TEST_WORKFLOW_BUNDLE;
  if (existing && existsSync(existing)) return existing;
  const bundle = await bundleWorkflowCode({
    workflowsPath: path.join(REPO_ROOT, 'src', 'workflows', 'index.ts'),
    logger: {
      info: () => undefined,
      warn: () => undefined,
      error: console.error,
      debug: () => undefined,
      trace: () => undefined,
      log: () => undefined,
    },
  });
  const bundlePath = path.join(dir ?? mkdtempSync(path.join(tmpdir(), 'mir-bundle-')), 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);
  process.env.MIR_TEST_WORKFLOW_BUNDLE = bundlePath;
  return bundlePath;
}
