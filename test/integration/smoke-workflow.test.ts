import { Worker } from '@temporalio/worker';
import { MirOperation } from '../../src/workflows/search-attributes';
import { testSql } from '../helpers/db';
import { testEnv } from '../helpers/env';
import { adminHeaders, http } from '../helpers/http';
import { eventually, useTemporalClient } from '../helpers/temporal';
import { describeAdminSecurity } from '../helpers/security';

const sql = testSql();
const temporal = useTemporalClient();
afterAll(() => sql.end());

describe('POST /admin/diagnostics/workflow', () => {
  it('runs a workflow on the mir task queue whose activity writes to Postgres', async () => {
    const res = await http('POST', '/admin/diagnostics/workflow', { headers: adminHeaders() });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      workflowId: expect.stringMatching(/^smoke:smk_/),
      pingId: expect.stringMatching(/^smk_/),
      recordedAt: expect.any(String),
    });
    expect(res.body.workflowId).toBe(`smoke:${res.body.pingId}`);

    const rows = await sql`select * from smoke_pings where id = ${res.body.pingId}`;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.workflow_id).toBe(res.body.workflowId);
    expect(rows[0]!.recorded_at.toISOString()).toBe(res.body.recordedAt);

    const handle = temporal.client.workflow.getHandle(res.body.workflowId);
    const description = await handle.describe();
    expect(description.status.name).toBe('COMPLETED');
    expect(description.taskQueue).toBe('mir');
    expect(description.typedSearchAttributes.get(MirOperation)).toBe('smoke');

    const listed = await eventually(async () => {
      for await (const wf of temporal.client.workflow.list({
        query: `MirOperation = "smoke" AND WorkflowId = "${res.body.workflowId}"`,
      })) {
        return wf;
      }
      return undefined;
    });
    expect(listed.workflowId).toBe(res.body.workflowId);

    // The history the server recorded replays cleanly against today's workflow code.
    const history = await handle.fetchHistory();
    await expect(
      Worker.runReplayHistory({ workflowBundle: { codePath: testEnv().workflowBundle } }, history, res.body.workflowId),
    ).resolves.toBeUndefined();
  });

  describeAdminSecurity('POST', '/admin/diagnostics/workflow');
});
