import { workflowIds } from '../../src/domain/workflow-ids';
import { startApiProcess } from '../helpers/api-process';
import { testSql } from '../helpers/db';
import { createOrg } from '../helpers/http';
import { freshDomain, importMembers, listMembers, signUp } from '../helpers/members';
import { type NpmProcess, terminate } from '../helpers/npm-process';
import { eventually, runsOf, useTemporalClient, workflowIsUnknown } from '../helpers/temporal';
import { startWorkerOn } from '../helpers/worker-process';

jest.setTimeout(300_000);

const sql = testSql();
const temporal = useTemporalClient();
afterAll(() => sql.end());

describe('memberAutoLink durability', () => {
  it('a verification while the worker is down links once a worker is back, exactly once, with no login', async () => {
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
      // The verification answered with its auto-link's start queued in the outbox: no worker of
      // the queue runs to start it, so it is not started, and nothing is claimed.
      const id = workflowIds.memberAutoLink(person.id);
      const [queued] = await sql`select task_queue from workflow_starts where workflow_id = ${id}`;
      expect(queued).toEqual({ task_queue: queue });
      expect(await workflowIsUnknown(temporal.client, id)).toBe(true);
      expect((await listMembers(org.apiKey)).body.members).toEqual([]);
      worker = await startWorkerOn(queue);
      await eventually(async () => ((await listMembers(org.apiKey)).body.members.length === 1 ? true : undefined));
      expect(await runsOf(temporal.client, id)).toHaveLength(1);
      const audit = await sql`select id from audit_log where organization_id = ${org.id} and action = 'member.linked'`;
      expect(audit).toHaveLength(1);
    } finally {
      if (worker) await terminate(worker);
      await api.stop();
    }
  });
});
