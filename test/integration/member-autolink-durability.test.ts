import { workflowIds } from '../../src/domain/workflow-ids';
import { startApiProcess } from '../helpers/api-process';
import { testSql } from '../helpers/db';
import { createOrg } from '../helpers/http';
import { freshDomain, importMembers, listMembers, signUp } from '../helpers/members';
import { type NpmProcess, terminate } from '../helpers/npm-process';
import { eventually, historyEvents, useTemporalClient, workflowTaskWorkers } from '../helpers/temporal';
import { startWorkerOn } from '../helpers/worker-process';

jest.setTimeout(300_000);

const sql = testSql();
const temporal = useTemporalClient();
afterAll(() => sql.end());

describe('memberAutoLink durability', () => {
  it('a verification while the worker is down links once a worker is back, exactly once', async () => {
    const queue = `mir-members-${Date.now()}`;
    const api = await startApiProcess({ TEMPORAL_TASK_QUEUE: queue });
    let worker: NpmProcess | undefined;
    try {
      worker = await startWorkerOn(queue);
      await terminate(worker, 'SIGKILL');
      const d = freshDomain();
      const org = await createOrg();
      await importMembers(org.apiKey, { analysts: [`dur@${d}`] }, api.url);
      const person = await signUp(`dur@${d}`, api.url);
      await person.verify();
      // The verification answers once its workflow is started; no worker has taken a task of it,
      // so nothing can have claimed the invite (only its activity claims).
      const handle = temporal.client.workflow.getHandle(workflowIds.memberAutoLink(person.id));
      expect((await handle.describe()).status.name).toBe('RUNNING');
      expect(workflowTaskWorkers(await historyEvents(handle))).toEqual([]);
      expect((await listMembers(org.apiKey)).body.members).toEqual([]);
      worker = await startWorkerOn(queue);
      await eventually(async () => ((await listMembers(org.apiKey)).body.members.length === 1 ? true : undefined));
      const audit = await sql`select id from audit_log where organization_id = ${org.id} and action = 'member.linked'`;
      expect(audit).toHaveLength(1);
    } finally {
      if (worker) await terminate(worker);
      await api.stop();
    }
  });
});
