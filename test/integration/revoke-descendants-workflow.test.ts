import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../src/activities';
import { createDatabase } from '../../src/db/client';
import { startRevocation } from '../../src/db/queries/revocations';
import type { revokeDescendantsWorkflow } from '../../src/workflows/revoke-descendants';
import { revocationProgressQuery } from '../../src/workflows/messages';
import { createAgent } from '../helpers/agents';
import { testEnv } from '../helpers/env';
import { createOrg } from '../helpers/http';
import { growTree, maybeRecordHistory, me, setSpawnPolicy } from '../helpers/spawn';
import { useTemporalClient } from '../helpers/temporal';

jest.setTimeout(120_000);
const QUEUE = `mir-revoke-can-${process.pid}`;
// startRevocation queues the workflow's start on the pool's queue; this test starts it itself.
const database = createDatabase(testEnv().databaseUrl, { max: 4, taskQueue: QUEUE });
const temporal = useTemporalClient();
let connection: NativeConnection;
let worker: Worker;
let running: Promise<void>;

beforeAll(async () => {
  connection = await NativeConnection.connect({ address: testEnv().temporalAddress });
  worker = await Worker.create({
    connection,
    taskQueue: QUEUE,
    workflowBundle: { codePath: testEnv().workflowBundle },
    activities: createActivities(database.db),
  });
  running = worker.run();
});
afterAll(async () => {
  worker.shutdown();
  await running;
  await connection.close();
  await database.close();
});

describe('revokeDescendantsWorkflow', () => {
  it('continues as new between batches and still revokes each agent once', async () => {
    const org = await createOrg();
    await setSpawnPolicy(org.apiKey, { enabled: true, maxDepth: 3 });
    const root = await createAgent(org.apiKey, { name: 'Root', type: 'SERVICE_ACCOUNT', preset: 'reconciler' });
    const tree = await growTree(org.apiKey, root.id, [5, 5]);
    const started = await startRevocation(database.db, {
      organizationId: org.id,
      agentId: root.id,
      reason: null,
      actor: { type: 'system', id: null },
      requestId: 'test',
    });
    const op = started!.operation;
    expect(op.total).toBe(31);

    // 2 batches of 5 per run: 30 descendants take 4 runs.
    const handle = await temporal.client.workflow.start<typeof revokeDescendantsWorkflow>('revokeDescendantsWorkflow', {
      workflowId: op.workflowId,
      taskQueue: QUEUE,
      args: [{ operationId: op.id, organizationId: org.id, rootAgentId: root.id, batchesPerRun: 2, agentsPerBatch: 5 }],
    });
    const result = await handle.result();
    expect(result).toEqual({ operationId: op.id, rootAgentId: root.id, total: 31, revoked: 31, status: 'COMPLETED' });
    expect((await handle.query(revocationProgressQuery)).done).toBe(true);

    const first = temporal.client.workflow.getHandle(op.workflowId, handle.firstExecutionRunId);
    const events = (await first.fetchHistory()).events ?? [];
    expect(events[events.length - 1]!.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();
    const latest = await temporal.client.workflow.getHandle(op.workflowId).describe();
    expect(latest.runId).not.toBe(handle.firstExecutionRunId);
    await maybeRecordHistory(first, 'revoke-descendants.json');

    for (const agent of [root, tree[0]!, tree[29]!])
      expect((await me(agent.apiKey)).body.error.code).toBe('unauthorized');
  });
});
