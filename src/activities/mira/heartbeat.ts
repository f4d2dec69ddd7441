import { Context } from '@temporalio/activity';

const EVERY_MS = 3_000;

/**
 * Heartbeats while `work` runs (a transcript download, an LLM call), so a worker that dies mid-way
 * is noticed after the workflow's heartbeat timeout rather than the whole start-to-close timeout.
 */
export async function heartbeating<T>(work: () => Promise<T>): Promise<T> {
  let context: Context | null = null;
  try {
    context = Context.current();
  } catch {
    // Called outside an activity (a test calling it directly): nothing to report to.
  }
  const timer = context ? setInterval(() => context?.heartbeat(), EVERY_MS) : null;
  try {
    return await work();
  } finally {
    if (timer) clearInterval(timer);
  }
}
