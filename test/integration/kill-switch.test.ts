import { startApiProcess, type ApiProcess } from '../helpers/api-process';
import { createAgent } from '../helpers/agents';
import { testSql } from '../helpers/db';
import { keyHeaders } from '../helpers/events';
import { createOrg, http } from '../helpers/http';
import { growTree, inParallel, me, setSpawnPolicy } from '../helpers/spawn';
import { type NpmProcess, terminate } from '../helpers/npm-process';
import { eventually, useTemporalClient } from '../helpers/temporal';
import { startWorkerOn } from '../helpers/worker-process';

jest.setTimeout(300_000);

// Its own task queue, API and worker processes, so this test can kill the worker without
// touching the stack every other test uses.
const QUEUE = `mir-kill-switch-${process.pid}`;
const sql = testSql();
const temporal = useTemporalClient();
const workers: NpmProcess[] = [];
let api: ApiProcess | undefined;

async function startWorker() {
  const worker = await startWorkerOn(QUEUE);
  workers.push(worker);
  return worker;
}

beforeAll(async () => {
  api = await startApiProcess({ TEMPORAL_TASK_QUEUE: QUEUE });
});
afterAll(async () => {
  await Promise.all(workers.map((w) => terminate(w)));
  await api?.stop();
  await sql.end();
});

describe('POST /v1/agents/:id/revoke-descendants (kill switch)', () => {
  it('1,111 agents: refused at once, then each revoked and audited exactly once though the worker is killed midway', async () => {
    const org = await createOrg();
    await setSpawnPolicy(org.apiKey, { enabled: true, maxDepth: 5 });
    const root = await createAgent(org.apiKey, { name: 'Root', type: 'SERVICE_ACCOUNT', preset: 'reconciler' });
    const bystander = await createAgent(org.apiKey, {
      name: 'Bystander',
      type: 'SERVICE_ACCOUNT',
      preset: 'reconciler',
    });
    const tree = await growTree(org.apiKey, root.id, [10, 10, 10]);
    const everyone = [{ id: root.id, apiKey: root.apiKey }, ...tree];
    expect(everyone).toHaveLength(1111);
    const worker = await startWorker();

    // Hold one row the second or a later chunk needs, so the cascade stops midway, deterministically.
    const firstChunk = await sql`select id from agents where ancestry like ${`${root.id.replace(/_/g, '\\_')}/%`}
      and status <> 'REVOKED' limit 250`;
    const firstIds = new Set(firstChunk.map((r) => r.id));
    const blocker = tree.find((a) => !firstIds.has(a.id) && a.depth === 3)!;
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holding = sql.begin(async (tx) => {
      await tx`select id from agents where id = ${blocker.id} for update`;
      locked();
      await new Promise<void>((r) => (release = r));
    });
    await isLocked;

    const res = await http('POST', `/v1/agents/${root.id}/revoke-descendants`, {
      baseUrl: api!.url,
      headers: keyHeaders(org.apiKey),
      body: { reason: 'compromised orchestrator' },
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ operationId: expect.stringMatching(/^rvk_/), status: 'RUNNING', total: 1111 });
    const { operationId, workflowId } = res.body;

    // Immediate and independent of the records: every key of the subtree is refused now.
    const answers = await inParallel(everyone, 16, async (a) => (await me(a.apiKey)).body.error?.code ?? 'ok');
    // agent_revoked while an agent's record waits; unauthorized once its key hash is deleted.
    expect(answers.every((code) => code === 'agent_revoked' || code === 'unauthorized')).toBe(true);
    expect((await me(bystander.apiKey)).status).toBe(200);

    // Midway: some chunks committed, the next one waiting on the held row.
    const progress = await eventually(async () => {
      const [op] = await sql`select revoked from agent_revocation_operations where id = ${operationId}`;
      const waiting =
        await sql`select 1 from pg_stat_activity where wait_event_type = 'Lock' and query ilike '%for update%'`;
      return op!.revoked >= 250 && waiting.length > 0 ? op!.revoked : undefined;
    }, 60_000);
    expect(progress).toBeLessThan(1111);
    await terminate(worker, 'SIGKILL');
    release();
    await holding;

    await startWorker(); // a fresh worker on the same queue picks the batch up again
    const done = await eventually(async () => {
      const op = await http('GET', `/v1/agents/revocations/${operationId}`, { headers: keyHeaders(org.apiKey) });
      return op.body.status === 'COMPLETED' ? op.body : undefined;
    }, 120_000);
    expect(done).toMatchObject({ operationId, rootAgentId: root.id, total: 1111, revoked: 1111 });

    const ids = everyone.map((a) => a.id);
    const rows = await sql`select status, key_hash from agents where id in ${sql(ids)}`;
    expect(rows.every((r) => r.status === 'REVOKED' && r.key_hash === null)).toBe(true);
    const audits = await sql`select target_id, count(*)::int as n, min(details->>'operationId') as op
      from audit_log where action = 'agent.revoked' and target_id in ${sql(ids)} group by target_id`;
    expect(audits).toHaveLength(1111);
    expect(audits.every((a) => a.n === 1 && a.op === operationId)).toBe(true);
    // The enterprise reference: a revoked agent's key hash is deleted; no copy is kept anywhere, so the key is unknown.
    const retired = await sql`select count(*)::int as n from retired_agent_keys where agent_id in ${sql(ids)}`;
    expect(retired[0]!.n).toBe(0);
    expect((await me(tree[0]!.apiKey)).body.error.code).toBe('unauthorized');
    expect((await me(bystander.apiKey)).status).toBe(200);

    // The batch the dead worker held was retried on the new one.
    const history = await temporal.client.workflow.getHandle(workflowId).fetchHistory();
    const attempts = (history.events ?? []).map((e) => e.activityTaskStartedEventAttributes?.attempt ?? 0);
    expect(Math.max(...attempts)).toBeGreaterThanOrEqual(2);

    // Pulling it again answers the same operation.
    const again = await http('POST', `/v1/agents/${root.id}/revoke-descendants`, { headers: keyHeaders(org.apiKey) });
    expect(again.body).toMatchObject({ operationId, status: 'COMPLETED' });
  });
});
