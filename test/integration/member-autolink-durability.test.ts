import { startApiProcess } from '../helpers/api-process';
import { testSql } from '../helpers/db';
import { testEnv } from '../helpers/env';
import { createOrg } from '../helpers/http';
import { freshDomain, importMembers, listMembers, signUp } from '../helpers/members';
import { spawn } from 'node:child_process';
import { type NpmProcess, terminate, waitForOutput } from '../helpers/npm-process';
import { REPO_ROOT } from '../helpers/stack-process';
import { eventually } from '../helpers/temporal';

jest.setTimeout(300_000);

/**
 * The worker in a process group of its own: SIGKILL to `npm` alone would leave tsx's node child
 * polling, so a "killed" worker would keep working.
 */
function startWorker(env: Record<string, string>): NpmProcess & { kill: () => Promise<void> } {
  let output = '';
  const child = spawn(`${REPO_ROOT}/node_modules/.bin/tsx`, ['worker.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const kill = async () => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
    await exited;
  };
  return { child, output: () => output, exited, kill };
}
const sql = testSql();
afterAll(() => sql.end());

describe('memberAutoLink durability', () => {
  it('a verification while the worker is down links once a worker is back, exactly once', async () => {
    const queue = `mir-members-${Date.now()}`;
    const { databaseUrl, temporalAddress, adminToken, workflowBundle } = testEnv();
    const env = {
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      MIR_ADMIN_TOKEN: adminToken,
      MIR_WORKFLOW_BUNDLE: workflowBundle,
      TEMPORAL_TASK_QUEUE: queue,
    };
    const api = await startApiProcess({ TEMPORAL_TASK_QUEUE: queue });
    let worker = startWorker(env);
    try {
      await waitForOutput(worker, /worker polling/, 120_000);
      await worker.kill();
      const d = freshDomain();
      const org = await createOrg();
      await importMembers(org.apiKey, { analysts: [`dur@${d}`] }, api.url);
      const person = await signUp(`dur@${d}`, api.url);
      await person.verify();
      await new Promise((r) => setTimeout(r, 1500));
      expect((await listMembers(org.apiKey)).body.members).toEqual([]);
      worker = startWorker(env);
      await waitForOutput(worker, /worker polling/, 120_000);
      await eventually(async () => ((await listMembers(org.apiKey)).body.members.length === 1 ? true : undefined));
      const audit = await sql`select id from audit_log where organization_id = ${org.id} and action = 'member.linked'`;
      expect(audit).toHaveLength(1);
    } finally {
      await terminate(worker);
      await worker.kill();
      await api.stop();
    }
  });
});
