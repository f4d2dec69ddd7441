import { createAgent, issueKey } from '../helpers/agents';
import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import { testSql } from '../helpers/db';
import { keyHeaders } from '../helpers/events';
import { setSpawnPolicy, spawn } from '../helpers/spawn';
import { createOrg, http } from '../helpers/http';

jest.setTimeout(120_000);
const sql = testSql();
let api: ApiProcess;

/** An API whose task queue no worker polls: nothing there can decide a spawn. */
beforeAll(async () => {
  api = await startApiProcess({ TEMPORAL_TASK_QUEUE: 'mir-no-spawn-worker', MIR_TEMPORAL_CALL_TIMEOUT_MS: '2000' });
}, 180_000);
afterAll(async () => {
  await api?.stop();
  await sql.end();
});

describe('a spawn decision has one writer: the approval workflow', () => {
  it('REST approve answers 503 when the workflow cannot run, and nothing is decided behind its back', async () => {
    const org = await createOrg();
    await setSpawnPolicy(org.apiKey, { enabled: true, maxDepth: 3, requireApprovalFromDepth: 1 });
    const parent = await createAgent(org.apiKey, { name: 'p', type: 'SERVICE_ACCOUNT', preset: 'admin' });
    const pending = await spawn(parent.apiKey, parent.id, { name: 'kid' }, {}, api.url);
    expect(pending.status).toBe(202);
    const approver = await issueKey(org.id, 'ADMIN');
    const url = `/v1/agents/spawn-requests/${pending.body.spawnRequestId}/approve`;
    const res = await http('POST', url, { baseUrl: api.url, headers: keyHeaders(approver) });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    const [row] = await sql`select status from agent_spawn_requests where id = ${pending.body.spawnRequestId}`;
    expect(row!.status).toBe('PENDING_APPROVAL');
    const [agent] = await sql`select count(*)::int as n from agents where id = ${pending.body.childAgentId}`;
    expect(agent!.n).toBe(0);
  });
});
