import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, stopStack } from '../helpers/stack-process';

export default async function globalTeardown(): Promise<void> {
  const stack = globalThis.mirTestStack;
  if (!stack) return;
  await stopStack(stack.child);
  const log = path.join(stack.root, 'stack.log');
  if (existsSync(log)) {
    mkdirSync(path.join(REPO_ROOT, 'test-artifacts'), { recursive: true });
    copyFileSync(log, path.join(REPO_ROOT, 'test-artifacts', 'stack.log'));
  }
  rmSync(stack.root, { recursive: true, force: true });
}
