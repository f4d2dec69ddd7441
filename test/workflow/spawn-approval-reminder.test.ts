import { decideSpawnUpdate } from '../../src/workflows/messages';
import type { spawnApprovalWorkflow } from '../../src/workflows/spawn-approval';
import { maybeRecordHistory } from '../helpers/spawn';
import { msFromStartTo, useWorkflowEnvironment } from '../helpers/workflow-env';

const HOUR = 3_600_000;
const w = useWorkflowEnvironment();

/** Postgres' answers for a request nobody decides, and each reminder the workflow asks for. */
function stubs() {
  const calls: string[] = [];
  return {
    calls,
    activities: {
      async decideSpawn(i: { spawnRequestId: string; decision: 'approve' | 'reject'; approver: string }) {
        calls.push(`${i.decision} by ${i.approver}`);
        return { spawnRequestId: i.spawnRequestId, status: 'APPROVED', alreadyDecided: false };
      },
      async expireSpawn(i: { spawnRequestId: string }) {
        calls.push('expire');
        return { spawnRequestId: i.spawnRequestId, status: 'EXPIRED', alreadyDecided: false };
      },
      async remindSpawnApprovers(i: { spawnRequestId: string }) {
        calls.push(`remind ${i.spawnRequestId}`);
        return { queued: 2 };
      },
    },
  };
}

async function start(taskQueue: string, deadlineMs: number) {
  const spawnRequestId = `spr_${Math.random().toString(36).slice(2)}`;
  const handle = await w.env.client.workflow.start<typeof spawnApprovalWorkflow>('spawnApprovalWorkflow', {
    taskQueue,
    workflowId: `spawn-approval:${spawnRequestId}`,
    args: [{ spawnRequestId, organizationId: 'org_1', parentAgentId: 'agent_p', timeoutSeconds: deadlineMs / 1000 }],
  });
  return { handle, spawnRequestId };
}

/** Server time from the start to when the workflow scheduled activity `name`. */
const scheduledAfter = (handle: Awaited<ReturnType<typeof start>>['handle'], name: string) =>
  msFromStartTo(handle, (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === name);

describe('spawnApprovalWorkflow reminds the approvers a day before the deadline', () => {
  it('nobody decides in 72 hours: reminded once at 48 hours, expired at 72', async () => {
    const { calls, activities } = stubs();
    await w.run(activities, async (taskQueue) => {
      const { handle, spawnRequestId } = await start(taskQueue, 72 * HOUR);
      expect(await handle.result()).toMatchObject({ spawnRequestId, status: 'EXPIRED' });
      const reminded = await scheduledAfter(handle, 'remindSpawnApprovers');
      expect(reminded).toBeGreaterThanOrEqual(48 * HOUR);
      expect(reminded).toBeLessThan(48 * HOUR + 60_000);
      const expired = await scheduledAfter(handle, 'expireSpawn');
      expect(expired).toBeGreaterThanOrEqual(72 * HOUR);
      expect(expired).toBeLessThan(72 * HOUR + 60_000);
      expect(calls).toEqual([`remind ${spawnRequestId}`, 'expire']);
      // The replay fixture of the reminder's path (patch 'approver-reminder').
      await maybeRecordHistory(handle, 'spawn-approval-reminded.json');
    });
  });

  it('decided before the reminder: no reminder, ever', async () => {
    const { calls, activities } = stubs();
    await w.run(activities, async (taskQueue) => {
      const { handle } = await start(taskQueue, 72 * HOUR);
      await w.env.sleep(47 * HOUR);
      await handle.executeUpdate(decideSpawnUpdate, { args: [{ decision: 'approve', keyId: 'key_a' }] });
      await handle.result();
      // The result is in: the skipped clock has nothing left to wake in this run.
      await w.env.sleep(48 * HOUR);
      expect(calls).toEqual(['approve by key_a']);
    });
  });

  it('a deadline a day away or closer: no reminder, the expiry on time', async () => {
    for (const deadline of [23 * HOUR, 24 * HOUR]) {
      const { calls, activities } = stubs();
      await w.run(activities, async (taskQueue) => {
        const { handle, spawnRequestId } = await start(taskQueue, deadline);
        expect(await handle.result()).toMatchObject({ spawnRequestId, status: 'EXPIRED' });
        expect(await scheduledAfter(handle, 'expireSpawn')).toBeGreaterThanOrEqual(deadline);
        expect(calls).toEqual(['expire']);
      });
    }
  });
});
