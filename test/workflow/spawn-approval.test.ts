import { WorkflowUpdateStage } from '@temporalio/client';
import type { SpawnDecisionOutcome } from '../../src/activities/spawn-approval';
import { approveSignal, decideSpawnUpdate, rejectSignal, spawnApprovalStateQuery } from '../../src/workflows/messages';
import type { spawnApprovalWorkflow } from '../../src/workflows/spawn-approval';
import { eventually } from '../helpers/temporal';
import { gate, msFromStartTo, useWorkflowEnvironment } from '../helpers/workflow-env';

const HOUR = 3_600_000;
const DEADLINE = 72 * HOUR;
const PARENT = 'agent_parent';
const w = useWorkflowEnvironment();

/**
 * The two activities as Postgres answers them for a pending request: a decision by the requesting
 * agent is refused, any other decides. `hold` keeps the next call waiting until the test opens it.
 */
function stubs(hold?: ReturnType<typeof gate>) {
  const calls: string[] = [];
  const outcome = (spawnRequestId: string, status: SpawnDecisionOutcome['status']) => ({
    spawnRequestId,
    status,
    alreadyDecided: false,
  });
  return {
    calls,
    activities: {
      async decideSpawn(i: { spawnRequestId: string; decision: 'approve' | 'reject'; approver: string }) {
        calls.push(`${i.decision} by ${i.approver}`);
        await hold?.pass();
        if (i.approver === PARENT) return outcome(i.spawnRequestId, 'invalid_approver');
        return outcome(i.spawnRequestId, i.decision === 'approve' ? 'APPROVED' : 'REJECTED');
      },
      async expireSpawn(i: { spawnRequestId: string }) {
        calls.push('expire');
        await hold?.pass();
        return outcome(i.spawnRequestId, 'EXPIRED');
      },
      // A day before the deadline (spawn-approval-reminder.test.ts tests when).
      async remindSpawnApprovers() {
        return { queued: 0 };
      },
    },
  };
}

async function start(taskQueue: string) {
  const spawnRequestId = `spr_${Math.random().toString(36).slice(2)}`;
  const handle = await w.env.client.workflow.start<typeof spawnApprovalWorkflow>('spawnApprovalWorkflow', {
    taskQueue,
    workflowId: `spawn-approval:${spawnRequestId}`,
    args: [{ spawnRequestId, organizationId: 'org_1', parentAgentId: PARENT, timeoutSeconds: DEADLINE / 1000 }],
  });
  return { handle, spawnRequestId };
}

/** When the expiry was scheduled, from the start: at 72 hours, whatever happened before. */
const expiredAfter = (handle: Awaited<ReturnType<typeof start>>['handle']) =>
  msFromStartTo(handle, (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'expireSpawn');

const decideOver = (decision: 'approve' | 'reject', keyId: string) => ({
  args: [{ decision, keyId }] as [{ decision: 'approve' | 'reject'; keyId: string }],
  waitForStage: WorkflowUpdateStage.ACCEPTED,
});

describe('spawnApprovalWorkflow on a skipped clock', () => {
  it('nobody decides: still pending a minute before 72 hours, expired by the workflow at 72 hours', async () => {
    const { calls, activities } = stubs();
    await w.run(activities, async (taskQueue) => {
      const { handle, spawnRequestId } = await start(taskQueue);
      await w.env.sleep(DEADLINE - 60_000);
      expect(await handle.query(spawnApprovalStateQuery)).toEqual({
        spawnRequestId,
        status: 'PENDING_APPROVAL',
        outcome: null,
      });
      expect(await handle.result()).toEqual({ spawnRequestId, status: 'EXPIRED', alreadyDecided: false });
      const expired = await expiredAfter(handle);
      expect(expired).toBeGreaterThanOrEqual(DEADLINE);
      expect(expired).toBeLessThan(DEADLINE + 60_000);
    });
    expect(calls).toEqual(['expire']);
  });

  it('a decision a minute before the deadline wins, and the deadline then changes nothing', async () => {
    const { calls, activities } = stubs();
    await w.run(activities, async (taskQueue) => {
      const { handle, spawnRequestId } = await start(taskQueue);
      await w.env.sleep(DEADLINE - 60_000);
      const answer = await handle.executeUpdate(decideSpawnUpdate, { args: [{ decision: 'approve', keyId: 'key_a' }] });
      expect(answer).toEqual({ spawnRequestId, status: 'APPROVED', alreadyDecided: false });
      expect(await handle.result()).toEqual(answer);
    });
    expect(calls).toEqual(['approve by key_a']);
  });

  it("the requester's own approval is refused and the wait goes on, to the same deadline", async () => {
    const { calls, activities } = stubs();
    await w.run(activities, async (taskQueue) => {
      const { handle, spawnRequestId } = await start(taskQueue);
      await w.env.sleep(HOUR);
      await handle.signal(approveSignal, { approver: PARENT });
      // Tried (the activity ran and refused it) and waiting again.
      await eventually(async () => {
        const state = await handle.query(spawnApprovalStateQuery);
        return calls.length === 1 && state.status === 'PENDING_APPROVAL' ? state : undefined;
      });
      expect(await handle.result()).toMatchObject({ spawnRequestId, status: 'EXPIRED' });
      expect(await expiredAfter(handle)).toBeLessThan(DEADLINE + 60_000);
    });
    expect(calls).toEqual([`approve by ${PARENT}`, 'expire']);
  });

  it('decides once: decisions arriving while the first is written hear its outcome, already decided', async () => {
    const hold = gate();
    const { calls, activities } = stubs(hold);
    await w.run(activities, async (taskQueue) => {
      const { handle, spawnRequestId } = await start(taskQueue);
      const first = await handle.startUpdate(decideSpawnUpdate, decideOver('approve', 'key_a'));
      await hold.entered;
      const second = await handle.startUpdate(decideSpawnUpdate, decideOver('reject', 'key_b'));
      await handle.signal(rejectSignal, { approver: 'alice', reason: 'no' });
      hold.open();
      expect(await first.result()).toEqual({ spawnRequestId, status: 'APPROVED', alreadyDecided: false });
      expect(await second.result()).toEqual({ spawnRequestId, status: 'APPROVED', alreadyDecided: true });
      expect(await handle.result()).toEqual({ spawnRequestId, status: 'APPROVED', alreadyDecided: false });
    });
    expect(calls).toEqual(['approve by key_a']);
  });

  it('a decision arriving while the expiry is written hears EXPIRED, already decided', async () => {
    const hold = gate();
    const { calls, activities } = stubs(hold);
    await w.run(activities, async (taskQueue) => {
      const { handle, spawnRequestId } = await start(taskQueue);
      await w.env.sleep(DEADLINE);
      await hold.entered;
      const late = await handle.startUpdate(decideSpawnUpdate, decideOver('approve', 'key_a'));
      hold.open();
      expect(await late.result()).toEqual({ spawnRequestId, status: 'EXPIRED', alreadyDecided: true });
      expect(await handle.result()).toEqual({ spawnRequestId, status: 'EXPIRED', alreadyDecided: false });
    });
    expect(calls).toEqual(['expire']);
  });
});
