import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, stopStack } from '../helpers/stack-process';

export default async function globalTeardown(): Promise<void> {
  const stack = globalThis.mirTestStack;
  if (!stack) return;
  await stopStack(stack.child);
  globalThis.mirTestStack = undefined;
  const log = path.join(stack.root, 'stack.log');
  if (existsSync(log)) {
    mkdirSync(path.join(REPO_ROOT, 'test-artifacts'), { recursive: true });
    copyFileSync(log, path.join(REPO_ROOT, 'test-artifacts', 'stack.log'));
  }
  rmSync(stack.root, { recursive: true, force: true });
  // The stack may have run on the replay project's bundle, whose teardown left it for this one.
  if (globalThis.mirReplayBundleRoot) rmSync(globalThis.mirReplayBundleRoot, { recursive: true, force: true });
  globalThis.mirReplayBundleRoot = undefined;
}
