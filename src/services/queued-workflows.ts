import { WorkflowNotFoundError } from '@temporalio/client';
import type { Executor } from '../db/client';
import { startIsQueued } from '../db/queries/workflow-starts';
import { ApiError } from '../domain/errors';

/** How long an answer waits for the worker's dispatcher to start a queued workflow (normally milliseconds). */
export const QUEUED_START_WAIT_MS = 5_000;
const POLL_MS = 50;

/**
 * Sends `call` (an update the caller waits for) to a workflow the outbox starts. Its row may have
 * committed a moment ago, its start not yet made: while the start still waits in the outbox the
 * call is tried again, up to QUEUED_START_WAIT_MS, then answered 503 `worker_unavailable` (no
 * worker dispatches). A workflow not found with no start queued is the caller's to judge (it ended).
 */
export async function callQueuedWorkflow<T>(db: Executor, workflowId: string, call: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + QUEUED_START_WAIT_MS;
  let lastTry = false;
  for (;;) {
    try {
      return await call();
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError) || lastTry) throw err;
      // Its row gone, the start was made (the dispatcher deletes after starting): one more try.
      if (!(await startIsQueued(db, workflowId))) {
        lastTry = true;
        continue;
      }
      if (Date.now() >= deadline) {
        throw new ApiError('worker_unavailable', 'The workflow has not started yet; nothing was done, try again', {
          workflowId,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
