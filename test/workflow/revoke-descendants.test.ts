import type { temporal } from '@temporalio/proto';
import type { RevocationSummary } from '../../src/activities/kill-switch';
import { revocationProgressQuery } from '../../src/workflows/messages';
import type { revokeDescendantsWorkflow } from '../../src/workflows/revoke-descendants';
import { useWorkflowEnvironment } from '../helpers/workflow-env';

const w = useWorkflowEnvironment();

/**
 * The kill switch's activities over a family of `size` agents, as Postgres answers them: each
 * batch revokes up to `maxAgents` of those left and says it is done once one comes up short.
 */
function family(size: number) {
  let left = size;
  const batches: { operationId: string; maxAgents: number }[] = [];
  const finished: string[] = [];
  return {
    batches,
    finished,
    activities: {
      async revokeDescendantsBatch(i: { operationId: string; maxAgents: number }) {
        batches.push(i);
        const revoked = Math.min(i.maxAgents, left);
        left -= revoked;
        return { revoked, done: revoked < i.maxAgents, revokedSoFar: size - left };
      },
      async finishRevocation(i: { operationId: string }): Promise<RevocationSummary> {
        finished.push(i.operationId);
        return {
          operationId: i.operationId,
          rootAgentId: 'agent_root',
          total: size,
          revoked: size - left,
          status: 'COMPLETED',
        };
      },
    },
  };
}

/** Each run's history, from the first, following continue-as-new. */
async function runsOf(workflowId: string, firstRunId: string) {
  const runs: temporal.api.history.v1.IHistoryEvent[][] = [];
  for (let runId: string | null | undefined = firstRunId; runId;) {
    const history = await w.env.client.workflow.getHandle(workflowId, runId).fetchHistory();
    const events: temporal.api.history.v1.IHistoryEvent[] = history.events ?? [];
    runs.push(events);
    runId = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
  }
  return runs;
}

const input = { operationId: 'rvk_1', organizationId: 'org_1', rootAgentId: 'agent_root', total: 23 };

describe('revokeDescendantsWorkflow', () => {
  it('continues as new every batchesPerRun batches with the same input, until a batch comes up short; finishes once', async () => {
    const { batches, finished, activities } = family(23);
    await w.run(activities, async (taskQueue) => {
      const handle = await w.env.client.workflow.start<typeof revokeDescendantsWorkflow>('revokeDescendantsWorkflow', {
        taskQueue,
        workflowId: `revoke-descendants:agent_root:${input.operationId}`,
        args: [{ ...input, batchesPerRun: 2, agentsPerBatch: 5 }],
      });
      expect(await handle.result()).toEqual({
        operationId: 'rvk_1',
        rootAgentId: 'agent_root',
        total: 23,
        revoked: 23,
        status: 'COMPLETED',
      });
      // 5 + 5 | 5 + 5 | 3: three runs, each started by the one before with the input it was given.
      const runs = await runsOf(handle.workflowId, handle.firstExecutionRunId);
      expect(runs).toHaveLength(3);
      const inputs = runs.map((events) => events[0]!.workflowExecutionStartedEventAttributes!.input);
      expect(inputs).toEqual([inputs[0], inputs[0], inputs[0]]);
      expect(await handle.query(revocationProgressQuery)).toEqual({
        operationId: 'rvk_1',
        revokedThisRun: 3,
        batchesThisRun: 1,
        done: true,
      });
    });
    expect(batches).toEqual(Array(5).fill({ operationId: 'rvk_1', maxAgents: 5 }));
    expect(finished).toEqual(['rvk_1']);
  });

  it('a family that fits one run never continues as new', async () => {
    const { batches, activities } = family(12);
    await w.run(activities, async (taskQueue) => {
      const handle = await w.env.client.workflow.start<typeof revokeDescendantsWorkflow>('revokeDescendantsWorkflow', {
        taskQueue,
        workflowId: `revoke-descendants:agent_root:rvk_2`,
        args: [{ ...input, operationId: 'rvk_2', total: 12 }],
      });
      expect(await handle.result()).toMatchObject({ operationId: 'rvk_2', revoked: 12, status: 'COMPLETED' });
      const events = (await handle.fetchHistory()).events ?? [];
      expect(events.some((e) => e.workflowExecutionContinuedAsNewEventAttributes)).toBe(false);
    });
    expect(batches).toEqual([{ operationId: 'rvk_2', maxAgents: 2_000 }]);
  });
});
