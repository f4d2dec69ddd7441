import {
  condition,
  continueAsNew,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { ErasureSummary } from '../activities/erasure';
import { erasureChangedSignal } from './messages';

const { openErasure, beginErasure, eraseBatch, finishErasure, purgeErasureNotices } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  // A batch heartbeats after every committed step: a worker that dies mid-batch is noticed within
  // this, and the retry carries on from what Postgres says is left.
  heartbeatTimeout: '15 seconds',
  // No attempt limit: the person was promised the erasure; an outage only delays it.
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Ids only: the workflow finds the erasure by the account, so a cancelled and renewed one is met too. */
export interface ErasureInput {
  accountId: string;
}

/** Waits for webhook deliveries: 1 s, doubling, at most 5 minutes apart. */
const backoff = (waits: number) => Math.min(1_000 * 2 ** waits, 300_000);

/**
 * `erasure:<accountId>`: waits out the grace period (a cancellation or a new request wakes it;
 * Postgres decides), then erases in committed steps, the account row last, and ends once each
 * partner's `user.erased` notice is delivered and deleted. Answers null when the erasure was
 * cancelled. Every decision is read from Postgres, so it continues as new at any point.
 */
export async function erasureWorkflow(input: ErasureInput): Promise<ErasureSummary | null> {
  let changed = false;
  setHandler(erasureChangedSignal, () => {
    changed = true;
  });
  let waits = 0;
  for (;;) {
    changed = false;
    const open = await openErasure({ accountId: input.accountId });
    if (!open) {
      // A request that came while this looked: read again rather than end under it.
      if (changed) continue;
      setCurrentDetails('no erasure open for this account');
      return null;
    }
    if (open.status === 'SCHEDULED') {
      const graceMs = Date.parse(open.erasesAt) - Date.now();
      if (graceMs > 0) {
        setCurrentDetails(`erasure ${open.erasureId}: grace period until ${open.erasesAt}; the person may cancel`);
        await condition(() => changed, graceMs);
      } else await beginErasure({ erasureId: open.erasureId });
    } else if (open.status === 'ERASING') {
      setCurrentDetails(`erasure ${open.erasureId}: erasing`);
      const batch = await eraseBatch({ erasureId: open.erasureId });
      if (batch.done) await finishErasure({ erasureId: open.erasureId });
      else if (batch.waiting) {
        setCurrentDetails(`erasure ${open.erasureId}: waiting for webhook deliveries that name the person`);
        await sleep(backoff(waits++));
      } else waits = 0;
    } else {
      const summary = await purgeErasureNotices({ erasureId: open.erasureId });
      if (summary) return summary;
      setCurrentDetails(`erasure ${open.erasureId}: erased; waiting for the partners' notices to be delivered`);
      await sleep(backoff(waits++));
    }
    if (workflowInfo().continueAsNewSuggested) return continueAsNew<typeof erasureWorkflow>(input);
  }
}
