import { ApplicationFailure } from '@temporalio/common';
import type { RegulationBatch, RegulationSummary } from '../../src/activities/regulations';
import type { RegulationType } from '../../src/domain/regulations';
import { regulationProgressQuery } from '../../src/workflows/messages';
import type { regulationWorkflow } from '../../src/workflows/regulation';
import { useWorkflowEnvironment } from '../helpers/workflow-env';

const w = useWorkflowEnvironment();

type End = { regulationId: string; status: 'COMPLETED' } | { regulationId: string; status: 'FAILED'; failure: string };

/** A deletion of `rows` rows as Postgres answers it: each batch deletes up to maxRows, done once it comes up short. */
function deletion(rows: number, fail?: (attempt: number) => boolean) {
  let left = rows;
  let attempts = 0;
  const batches: number[] = [];
  const ended: End[] = [];
  return {
    batches,
    ended,
    activities: {
      async regulationBatch(i: { regulationId: string; maxRows: number }): Promise<RegulationBatch> {
        attempts += 1;
        if (fail?.(attempts)) throw ApplicationFailure.retryable('deadlock detected', 'PostgresError');
        batches.push(i.maxRows);
        const n = Math.min(i.maxRows, left);
        left -= n;
        return { rows: n, done: n < i.maxRows, gone: false, stage: 'events' };
      },
      async endRegulation(i: End): Promise<RegulationSummary> {
        ended.push(i);
        return {
          regulationId: i.regulationId,
          status: i.status,
          users: 1,
          eventsDeleted: rows - left,
          decisionsDeleted: 0,
          linksEnded: 0,
        };
      },
    },
  };
}

const start = (taskQueue: string, id: string, type: RegulationType, extra: object = {}) =>
  w.env.client.workflow.start<typeof regulationWorkflow>('regulationWorkflow', {
    taskQueue,
    workflowId: `regulation:${id}`,
    args: [{ regulationId: id, organizationId: 'org_1', regulationType: type, ...extra }],
  });

describe('regulationWorkflow', () => {
  it('a deletion runs batch after batch, continuing as new every batchesPerRun, and completes once', async () => {
    const { batches, ended, activities } = deletion(23);
    await w.run(activities, async (taskQueue) => {
      const handle = await start(taskQueue, 'reg_1', 'DELETE', { rowsPerBatch: 5, batchesPerRun: 2 });
      expect(await handle.result()).toMatchObject({ regulationId: 'reg_1', status: 'COMPLETED', eventsDeleted: 23 });
      expect(await handle.query(regulationProgressQuery)).toEqual({
        regulationId: 'reg_1',
        stage: 'events',
        rowsThisRun: 3,
        done: true,
      });
    });
    expect(batches).toEqual([5, 5, 5, 5, 5]);
    expect(ended).toEqual([{ regulationId: 'reg_1', status: 'COMPLETED' }]);
  });

  it('a suppression has nothing left to do: it completes without a batch', async () => {
    const { batches, ended, activities } = deletion(0);
    await w.run(activities, async (taskQueue) => {
      for (const [id, type] of [
        ['reg_2', 'SUPPRESS'],
        ['reg_3', 'UNSUPPRESS'],
      ] as const) {
        expect(await (await start(taskQueue, id, type)).result()).toMatchObject({ status: 'COMPLETED' });
      }
    });
    expect(batches).toEqual([]);
    expect(ended.map((e) => e.status)).toEqual(['COMPLETED', 'COMPLETED']);
  });

  it('a step failing on every attempt ends the regulation FAILED with its reason, once', async () => {
    const { ended, activities } = deletion(10, () => true);
    await w.run(activities, async (taskQueue) => {
      const handle = await start(taskQueue, 'reg_4', 'SUPPRESS_WITH_DELETE');
      expect(await handle.result()).toMatchObject({ regulationId: 'reg_4', status: 'FAILED' });
      const failed = ((await handle.fetchHistory()).events ?? []).flatMap(
        (e) => e.activityTaskFailedEventAttributes?.retryState ?? [],
      );
      expect(failed).toHaveLength(1);
    });
    expect(ended).toEqual([{ regulationId: 'reg_4', status: 'FAILED', failure: 'deadlock detected' }]);
  });

  it('a step that fails a few times is retried and the deletion completes', async () => {
    const { ended, activities } = deletion(10, (attempt) => attempt <= 3);
    await w.run(activities, async (taskQueue) => {
      expect(await (await start(taskQueue, 'reg_5', 'DELETE')).result()).toMatchObject({ status: 'COMPLETED' });
    });
    expect(ended).toEqual([{ regulationId: 'reg_5', status: 'COMPLETED' }]);
  });

  it('a regulation gone with its organisation ends with nothing recorded', async () => {
    const ended: End[] = [];
    await w.run(
      {
        regulationBatch: async () => ({ rows: 0, done: true, gone: true, stage: null }),
        endRegulation: async (i: End) => (ended.push(i), null),
      },
      async (taskQueue) => {
        expect(await (await start(taskQueue, 'reg_6', 'DELETE')).result()).toBeNull();
      },
    );
    expect(ended).toEqual([]);
  });
});
