import { workflowIds } from '../../src/domain/workflow-ids';
import { AI_BOT, createAgent } from '../helpers/agents';
import { lastJson, runMir, runScript } from '../helpers/cli';
import { testSql } from '../helpers/db';
import { keyHeaders, uniqueUserId } from '../helpers/events';
import { growTree, maybeRecordHistory, setSpawnPolicy, spawn } from '../helpers/spawn';
import { adminHeaders, createOrg, http } from '../helpers/http';
import { testEnv } from '../helpers/env';
import { invite } from '../helpers/linking';
import { freePort } from '../helpers/ports';
import { eventually, useTemporalClient } from '../helpers/temporal';

jest.setTimeout(240_000);
const sql = testSql();
const temporal = useTemporalClient();
afterAll(() => sql.end());

async function pendingSpawn() {
  const org = await createOrg();
  await setSpawnPolicy(org.apiKey, { enabled: true, maxDepth: 3, requireApprovalFromDepth: 1 });
  const root = await createAgent(org.apiKey, AI_BOT);
  const res = await spawn(org.apiKey, root.id, { name: 'needs approval' });
  expect(res.status).toBe(202);
  return { org, root, spawnRequestId: res.body.spawnRequestId as string, workflowId: res.body.workflowId as string };
}

describe('npm run mir -- spawn-requests', () => {
  it('lists the pending ones of an organisation, approves through the workflow and records who', async () => {
    const { org, spawnRequestId, workflowId } = await pendingSpawn();
    const listed = await runMir(['spawn-requests', 'list', '--org', org.id, '--json']);
    expect(listed.code).toBe(0);
    expect(lastJson(listed)).toEqual([
      expect.objectContaining({ id: spawnRequestId, organizationId: org.id, status: 'PENDING_APPROVAL', workflowId }),
    ]);
    const human = await runMir(['spawn-requests', 'list', '--org', org.id]);
    expect(human.stdout).toMatch(new RegExp(`${spawnRequestId}\\s+${org.id}.*PENDING_APPROVAL\\s+deadline`));

    const approved = await runMir(['spawn-requests', 'approve', spawnRequestId, '--as', 'alice', '--reason', 'ok']);
    expect(approved.code).toBe(0);
    expect(approved.stdout).toContain(`Spawn request ${spawnRequestId} APPROVED by alice`);
    // The workflow decided (its only writer): it ended with the outcome, and the audit names the operator.
    const handle = temporal.client.workflow.getHandle(workflowId);
    expect(await handle.result()).toMatchObject({ status: 'APPROVED' });
    await maybeRecordHistory(handle, 'spawn-approval-operator.json');
    const [audit] = await sql`
      select actor_type, actor_id, details from audit_log where target_id = ${spawnRequestId} and action = 'agent.spawn_approved'`;
    expect(audit).toMatchObject({
      actor_type: 'admin',
      actor_id: 'alice',
      details: { decidedVia: 'admin_api', reason: 'ok' },
    });
    const [row] = await sql`select status, decided_by from agent_spawn_requests where id = ${spawnRequestId}`;
    expect(row).toMatchObject({ status: 'APPROVED', decided_by: { type: 'admin', id: 'alice', via: 'admin_api' } });

    const again = await runMir(['spawn-requests', 'reject', spawnRequestId, '--as', 'bob', '--json']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/409 invalid_state: Spawn request .* is APPROVED/);
    expect(lastJson(again).error.code).toBe('invalid_state');
  });

  it('rejects with the login name when --as is not given; an unknown id is a clear error', async () => {
    const { spawnRequestId } = await pendingSpawn();
    const rejected = await runMir(['spawn-requests', 'reject', spawnRequestId, '--json'], { MIR_OPERATOR: 'carol' });
    expect(rejected.code).toBe(0);
    expect(lastJson(rejected).spawnRequest).toMatchObject({
      status: 'REJECTED',
      decidedBy: { type: 'admin', id: 'carol' },
    });
    const unknown = await runMir(['spawn-requests', 'approve', 'spr_nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('404 spawn_request_not_found');
    const usage = await runMir(['spawn-requests', 'approve']);
    expect(usage.code).toBe(2);
  });
});

describe('npm run mir -- revocations show', () => {
  it('follows a cascade to its end with a progress bar', async () => {
    const org = await createOrg();
    await setSpawnPolicy(org.apiKey, { enabled: true, maxDepth: 3 });
    const root = await createAgent(org.apiKey, AI_BOT);
    await growTree(org.apiKey, root.id, [4, 3]);
    const pulled = await http('POST', `/v1/agents/${root.id}/revoke-descendants`, { headers: keyHeaders(org.apiKey) });
    expect(pulled.status).toBe(202);
    const shown = await runMir(['revocations', 'show', pulled.body.operationId]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`Kill switch ${pulled.body.operationId} on ${root.id} (${org.id})`);
    expect(shown.stdout).toMatch(/\[#{30}\] 17 \/ 17 \(100%\) COMPLETED/);
    expect(shown.stdout.trim().split('\n').pop()).toBe('17 of 17 revoked: COMPLETED');
    const json = await runMir(['revocations', 'show', pulled.body.operationId, '--json']);
    expect(lastJson(json)).toMatchObject({ organizationId: org.id, total: 17, revoked: 17, status: 'COMPLETED' });
    const missing = await runMir(['revocations', 'show', 'rvk_nope']);
    expect([missing.code, missing.stderr.includes('404 revocation_not_found')]).toEqual([1, true]);
  });
});

describe('npm run mir -- workflows stuck', () => {
  it('lists the running workflows of an organisation unchanged for --older-than, with what they wait for', async () => {
    const { org, workflowId: spawnWorkflow } = await pendingSpawn();
    const old = await invite(org.apiKey, uniqueUserId());
    // The CLI is a process of its own (seconds to start): far enough apart to tell the two apart.
    await new Promise((r) => setTimeout(r, 15_000));
    const fresh = await invite(org.apiKey, uniqueUserId());
    const oldId = workflowIds.linkRequest({ kind: 'invite', id: old.inviteId });
    // Visibility lags a little behind the starts.
    const stuck = await eventually(async () => {
      const r = await runMir(['workflows', 'stuck', '--org', org.id, '--older-than', '12s', '--json']);
      const found = lastJson(r) as { workflowId: string; details: string }[];
      return found.length >= 2 ? found : undefined;
    }, 60_000);
    expect(stuck.map((w) => w.workflowId).sort()).toEqual([oldId, spawnWorkflow].sort());
    expect(stuck.find((w) => w.workflowId === spawnWorkflow)!.details).toContain(
      `waiting for approval by an OWNER or ADMIN of ${org.id}`,
    );
    expect(stuck.map((w) => w.workflowId)).not.toContain(
      workflowIds.linkRequest({ kind: 'invite', id: fresh.inviteId }),
    );
    const human = await runMir(['workflows', 'stuck', '--org', org.id, '--older-than', '12s']);
    expect(human.stdout).toMatch(new RegExp(`${oldId}\\s+${org.id}\\s+\\d{4}-.*waiting for the person`));
    const none = await runMir(['workflows', 'stuck', '--org', org.id, '--older-than', '1h']);
    expect(none.stdout).toContain('No running workflow unchanged for 1h.');
  });
});

describe('npm run mir -- doctor', () => {
  it('passes every check on a healthy stack, and first says which stack the API runs with', async () => {
    const r = await runMir(['doctor']);
    expect(r.code).toBe(0);
    const { apiUrl, temporalAddress } = testEnv();
    expect(r.stdout.split('\n')[0]).toBe(
      `Checking the stack the API at ${apiUrl} runs with: Postgres ${new URL(testEnv().databaseUrl).host}` +
        `${new URL(testEnv().databaseUrl).pathname}, Temporal ${temporalAddress} namespace default task queue mir`,
    );
    for (const check of [
      'CLI settings match the API',
      'Postgres reachable',
      'Postgres migrations applied',
      'Clock (this machine vs Postgres)',
      'Temporal reachable',
      'Temporal namespace default',
      'Temporal search attributes',
      'Worker polling task queue mir',
      'API ready',
    ]) {
      expect(r.stdout).toMatch(new RegExp(`^✓ ${check.replace(/[()]/g, '\\$&')}: `, 'm'));
    }
  });

  it("checks the API's Temporal, not the CLI's, and fails on the difference", async () => {
    const deadPort = await freePort();
    const r = await runMir(['doctor', '--json'], {
      TEMPORAL_ADDRESS: `127.0.0.1:${deadPort}`,
      TEMPORAL_TASK_QUEUE: 'mir-elsewhere',
    });
    expect(r.code).toBe(1);
    const report = lastJson(r) as {
      ok: boolean;
      stack: string;
      checks: { name: string; ok: boolean; detail: string }[];
    };
    expect(report.stack).toContain(`Temporal ${testEnv().temporalAddress} namespace default task queue mir`);
    const failed = report.checks.filter((c) => !c.ok);
    expect(failed.map((c) => c.name)).toEqual(['CLI settings match the API']);
    expect(failed[0]!.detail).toBe(
      `TEMPORAL_ADDRESS: 127.0.0.1:${deadPort} here ≠ ${testEnv().temporalAddress} in the API; ` +
        'TEMPORAL_TASK_QUEUE: mir-elsewhere here ≠ mir in the API',
    );
    expect(report.checks.find((c) => c.name === 'Worker polling task queue mir')?.ok).toBe(true);
  });

  it('says what is wrong and how to fix it, and exits 1', async () => {
    const deadPort = await freePort();
    const r = await runMir(['doctor', '--json'], {
      TEMPORAL_TASK_QUEUE: 'mir-nobody-polls',
      MIR_API_URL: `http://127.0.0.1:${deadPort}`,
    });
    expect(r.code).toBe(1);
    const report = lastJson(r) as { ok: boolean; stack: string; checks: { name: string; ok: boolean; fix?: string }[] };
    expect(report.ok).toBe(false);
    expect(report.stack).toMatch(/did not say what it runs with .*checking this CLI's own settings/);
    const failed = Object.fromEntries(report.checks.filter((c) => !c.ok).map((c) => [c.name, c.fix]));
    expect(failed).toEqual({
      'CLI settings match the API': expect.stringContaining('MIR_API_URL'),
      'Worker polling task queue mir-nobody-polls': expect.stringContaining(
        'TEMPORAL_TASK_QUEUE=mir-nobody-polls npm run worker',
      ),
      'API ready': expect.stringContaining('npm run api'),
    });
    const dead = await runMir(['doctor'], {
      MIR_API_URL: `http://127.0.0.1:${deadPort}`,
      TEMPORAL_ADDRESS: `127.0.0.1:${deadPort}`,
      DATABASE_URL: `postgres://x:y@127.0.0.1:${deadPort}/mir`,
    });
    expect(dead.code).toBe(1);
    expect(dead.stdout).toMatch(/^✗ Postgres reachable: .*\n {4}fix: check DATABASE_URL/m);
    expect(dead.stdout).toMatch(/^✗ Temporal reachable: .*\n {4}fix: check TEMPORAL_ADDRESS/m);
  });

  it('GET /admin/runtime names the stack without its password', async () => {
    const res = await http('GET', '/admin/runtime', { headers: adminHeaders() });
    expect(res.status).toBe(200);
    const db = new URL(testEnv().databaseUrl);
    expect(res.body).toEqual({
      database: { host: db.hostname, port: Number(db.port), database: db.pathname.slice(1), user: db.username },
      temporal: { address: testEnv().temporalAddress, namespace: 'default', taskQueue: 'mir', tls: false },
    });
    // Exactly these fields: no URL, so no password or query options ride along.
    expect(res.text).not.toContain('://');
    expect((await http('GET', '/admin/runtime')).status).toBe(401);
  });
});

describe('npm run temporal', () => {
  it("runs the stack's own temporal CLI against the API's Temporal, whatever this shell's TEMPORAL_ADDRESS", async () => {
    const smoke = await http('POST', '/admin/diagnostics/workflow', { headers: adminHeaders() });
    expect(smoke.status).toBe(200);
    const deadPort = await freePort();
    const r = await runScript(
      'temporal',
      ['workflow', 'describe', '--workflow-id', smoke.body.workflowId, '-o', 'json'],
      {
        TEMPORAL_ADDRESS: `127.0.0.1:${deadPort}`,
      },
    );
    expect({ code: r.code, stderr: r.stderr.slice(-500) }).toMatchObject({ code: 0 });
    expect(r.stderr).toContain(`Temporal ${testEnv().temporalAddress} namespace default`);
    const described = JSON.parse(r.stdout) as { workflowExecutionInfo: { execution: { workflowId: string } } };
    expect(described.workflowExecutionInfo.execution.workflowId).toBe(smoke.body.workflowId);
  });
});
