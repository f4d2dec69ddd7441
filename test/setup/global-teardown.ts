import { rmSync } from 'node:fs';
import { stopStack } from '../helpers/stack-process';

export default async function globalTeardown(): Promise<void> {
  const stack = globalThis.mirTestStack;
  if (!stack) return;
  await stopStack(stack.child);
  rmSync(stack.root, { recursive: true, force: true });
}
