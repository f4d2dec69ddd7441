import { WorkflowUpdateStage } from '@temporalio/client';
import type { ConfirmOutcome } from '../../src/domain/links';
import { confirmLinkUpdate, declineLinkUpdate } from '../../src/workflows/messages';
import type { linkInviteWorkflow } from '../../src/workflows/link-request';
import { eventually } from '../helpers/temporal';
import { gate, msFromStartTo, useWorkflowEnvironment } from '../helpers/workflow-env';

const DAY = 86_400_000;
const w = useWorkflowEnvironment();
const LINKED: ConfirmOutcome = { ok: true, linkId: 'lnk_1', organizationId: 'org_1', linkedAt: '2026-01-01T00:00:00Z' };

/** The activities as Postgres answers them: `confirmed` is what the link write finds. */
function stubs(opts: { hold?: ReturnType<typeof gate>; confirmed?: ConfirmOutcome } = {}) {
  const calls: string[] = [];
  return {
    calls,
    activities: {
      async confirmLinkRequest(i: { mirUserId: string }) {
        calls.push(`confirm ${i.mirUserId}`);
        await opts.hold?.pass();
        return opts.confirmed ?? LINKED;
      },
      async closeLinkRequest(i: { status: 'DECLINED' | 'EXPIRED' }) {
        calls.push(`close ${i.status}`);
        await opts.hold?.pass();
        return i.status;
      },
    },
  };
}

/** An invite due `ttlMs` after now on the server's clock (earlier tests moved it on). */
async function invite(taskQueue: string, ttlMs: number) {
  const requestId = `inv_${Math.random().toString(36).slice(2)}`;
  const expiresAt = new Date((await w.env.currentTimeMs()) + ttlMs).toISOString();
  return w.env.client.workflow.start<typeof linkInviteWorkflow>('linkInviteWorkflow', {
    taskQueue,
    workflowId: `link-invite:${requestId}`,
    args: [{ requestId, organizationId: 'org_1', expiresAt }],
  });
}

const accepted = { waitForStage: WorkflowUpdateStage.ACCEPTED } as const;
const confirmBy = (mirUserId: string) => ({ ...accepted, args: [{ mirUserId }] as [{ mirUserId: string }] });

describe('link request workflows on a skipped clock', () => {
  it('nobody answers for seven days: the deadline closes the request EXPIRED, once', async () => {
    const { calls, activities } = stubs();
    await w.run(activities, async (taskQueue) => {
      const handle = await invite(taskQueue, 7 * DAY);
      expect(await handle.result()).toBe('EXPIRED');
      const fired = await msFromStartTo(handle, (e) => e.timerFiredEventAttributes);
      // expiresAt is fixed when the invite is made, before Temporal records the start: on a loaded
      // machine that is seconds earlier, so the deadline is measured with a minute's margin.
      expect(fired).toBeGreaterThanOrEqual(7 * DAY - 60_000);
      expect(fired).toBeLessThan(7 * DAY + 60_000);
    });
    expect(calls).toEqual(['close EXPIRED']);
  });

  it('decides once: a decline arriving while a confirmation is written sees CONFIRMED', async () => {
    const hold = gate();
    const { calls, activities } = stubs({ hold });
    await w.run(activities, async (taskQueue) => {
      const handle = await invite(taskQueue, DAY);
      const confirm = await handle.startUpdate(confirmLinkUpdate, confirmBy('usr_1'));
      await hold.entered;
      const decline = await handle.startUpdate(declineLinkUpdate, accepted);
      hold.open();
      expect(await confirm.result()).toEqual(LINKED);
      expect(await decline.result()).toBe('CONFIRMED');
      expect(await handle.result()).toBe('CONFIRMED');
    });
    expect(calls).toEqual(['confirm usr_1']);
  });

  it('decides once: a confirmation arriving while a decline is written is not_pending, and links nothing', async () => {
    const hold = gate();
    const { calls, activities } = stubs({ hold });
    await w.run(activities, async (taskQueue) => {
      const handle = await invite(taskQueue, DAY);
      const decline = await handle.startUpdate(declineLinkUpdate, accepted);
      await hold.entered;
      const confirm = await handle.startUpdate(confirmLinkUpdate, confirmBy('usr_1'));
      hold.open();
      expect(await decline.result()).toBe('DECLINED');
      expect(await confirm.result()).toEqual({ ok: false, reason: 'not_pending' });
      expect(await handle.result()).toBe('DECLINED');
    });
    expect(calls).toEqual(['close DECLINED']);
  });

  // The server's clock stands still for nobody while an activity runs, so this one deadline passes
  // in real time: the clock is skipped to five seconds before it, and the test waits for the timer.
  it.each([
    ['writes the link: it wins and the request is not expired', LINKED, 'CONFIRMED', []],
    [
      'is refused as expired: the deadline then closes the request',
      { ok: false, reason: 'expired' },
      'EXPIRED',
      ['close EXPIRED'],
    ],
  ] as const)(
    'a confirmation still being written when the deadline passes %s',
    async (_what, confirmed, status, after) => {
      const hold = gate();
      const { calls, activities } = stubs({ hold, confirmed });
      await w.run(activities, async (taskQueue) => {
        const handle = await invite(taskQueue, DAY);
        await w.env.sleep(DAY - 5_000);
        const confirm = await handle.startUpdate(confirmLinkUpdate, confirmBy('usr_1'));
        await hold.entered;
        await eventually(async () =>
          (await handle.fetchHistory()).events?.some((e) => e.timerFiredEventAttributes) ? true : undefined,
        );
        hold.open();
        expect(await confirm.result()).toEqual(confirmed);
        expect(await handle.result()).toBe(status);
      });
      expect(calls).toEqual(['confirm usr_1', ...after]);
    },
  );
});
