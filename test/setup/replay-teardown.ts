import { rmSync } from 'node:fs';

/**
 * Removes the bundle the replay setup built, unless the stack (still running until its own
 * teardown) was given that same bundle; the stack's teardown removes it then.
 */
export default async function replayTeardown(): Promise<void> {
  const root = globalThis.mirReplayBundleRoot;
  if (!root || globalThis.mirTestStack) return;
  rmSync(root, { recursive: true, force: true });
  globalThis.mirReplayBundleRoot = undefined;
}
