import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { defaultCacheDir, locateTemporalBinary } from '../../src/stack/temporal-binary';
import { MirAgentId, MirOperation, MirOrgId } from '../../src/workflows/search-attributes';
import { approveSignal, rejectSignal, spawnApprovalStateQuery } from '../../src/workflows/messages';
import type { spawnApprovalWorkflow } from '../../src/workflows/spawn-approval';
import { AI_BOT, createAgent, issueKey } from '../helpers/agents';
import { testSql } from '../helpers/db';
import { testEnv } from '../helpers/env';
import { keyHeaders } from '../helpers/events';
import { createOrg, http } from '../helpers/http';
import { maybeRecordHistory, me, setSpawnPolicy, spawn, spawnChild } from '../helpers/spawn';
import { eventually, historyEvents, useTemporalClient, whenStarted } from '../helpers/temporal';

jest.setTimeout(120_000);
const sql = testSql();
const temporal = useTemporalClient();
afterAll(() => sql.end());

const POLICY = {
  enabled: true,
  maxDepth: 5,
  requireApprovalFromDepth: 2,
  requireApprovalForPermissions: ['events:read'],
};
const SERVICE = { name: 'Reconciler', type: 'SERVICE_ACCOUNT', preset: 'reconciler' };

async function setup(policy: Record<string, unknown> = {}) {
  const org = await createOrg();
  await setSpawnPolicy(org.apiKey, { ...POLICY, ...policy } as never);
  return org;
}
const decide = (key: string, id: string, decision: 'approve' | 'reject', body?: unknown) =>
  http('POST', `/v1/agents/spawn-requests/${id}/${decision}`, { headers: keyHeaders(key), body });
const getRequest = (key: string, id: string) =>
  http('GET', `/v1/agents/spawn-requests/${id}`, { headers: keyHeaders(key) });
async function result(workflowId: string) {
  await whenStarted(temporal.client, workflowId);
  return temporal.client.workflow.getHandle<typeof spawnApprovalWorkflow>(workflowId).result();
}

describe('spawn with human approval', () => {
  it('202 with a key refused until an approver approves over REST; then the child exists and its key works', async () => {
    const org = await setup();
    const root = await createAgent(org.apiKey, AI_BOT);
    const child = await spawnChild(root.apiKey, root.id, { name: 'depth 1' });
    const res = await spawn(child.apiKey, child.id, { name: 'depth 2' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      spawnRequestId: expect.stringMatching(/^spr_/),
      status: 'PENDING_APPROVAL',
      apiKey: expect.stringMatching(/^mir_agent_/),
      expiresAt: expect.any(String),
      childAgentId: expect.stringMatching(/^agent_/),
      approvalReasons: ['depth 2 >= 2'],
      workflowId: `spawn-approval:${res.body.spawnRequestId}`,
    });
    const hours = (Date.parse(res.body.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(71.9);
    const pending = await me(res.body.apiKey);
    expect(pending.status).toBe(401);
    expect(pending.body.error.code).toBe('agent_pending_approval');

    const listed = await http('GET', '/v1/agents/spawn-requests?status=PENDING_APPROVAL', {
      headers: keyHeaders(org.apiKey),
    });
    expect(listed.body.spawnRequests.map((r: { id: string }) => r.id)).toEqual([res.body.spawnRequestId]);
    const description = await (await whenStarted(temporal.client, res.body.workflowId)).describe();
    expect(description.typedSearchAttributes.get(MirOperation)).toBe('spawn-approval');
    expect(description.typedSearchAttributes.get(MirOrgId)).toBe(org.id);
    expect(description.typedSearchAttributes.get(MirAgentId)).toBe(child.id);

    // The requesting agent never approves, not even through a partner key acting as it.
    expect((await decide(child.apiKey, res.body.spawnRequestId, 'approve')).status).toBe(403);
    const approved = await decide(org.apiKey, res.body.spawnRequestId, 'approve', { reason: 'looks fine' });
    expect(approved.status).toBe(200);
    expect(approved.body.spawnRequest).toMatchObject({ status: 'APPROVED', decisionReason: 'looks fine' });
    expect(approved.body.agent).toMatchObject({
      id: res.body.childAgentId,
      parentId: child.id,
      rootId: root.id,
      spawnDepth: 2,
      membershipSource: 'SPAWNED',
    });
    expect((await me(res.body.apiKey)).body).toMatchObject({ id: res.body.childAgentId, status: 'ACTIVE' });
    expect((await decide(org.apiKey, res.body.spawnRequestId, 'reject')).status).toBe(409);
    // The workflow made the decision itself (its update), so it was not already decided for it.
    expect(await result(res.body.workflowId)).toMatchObject({ status: 'APPROVED', alreadyDecided: false });
    await maybeRecordHistory(temporal.client.workflow.getHandle(res.body.workflowId), 'spawn-approval-rest.json');

    const keyId = (await sql`select id from api_keys where organization_id = ${org.id}`)[0]!.id;
    const audits = await sql`select action, actor_type, actor_id from audit_log
      where target_id in (${res.body.spawnRequestId}, ${res.body.childAgentId}) order by created_at, id`;
    expect(audits).toEqual([
      { action: 'agent.spawn_requested', actor_type: 'agent', actor_id: child.id },
      { action: 'agent.spawned', actor_type: 'agent', actor_id: child.id },
      { action: 'agent.spawn_approved', actor_type: 'api_key', actor_id: keyId },
    ]);
    const history = JSON.stringify(await temporal.client.workflow.getHandle(res.body.workflowId).fetchHistory());
    expect(history).toContain(res.body.spawnRequestId);
    expect(history).not.toContain(res.body.apiKey);
    const stored = JSON.stringify(await sql`select * from agent_spawn_requests where id = ${res.body.spawnRequestId}`);
    expect(stored).not.toContain(res.body.apiKey);
  });

  it('approval by `temporal workflow signal` from the CLI, exactly as docs/api.md shows', async () => {
    const org = await setup();
    const parent = await createAgent(org.apiKey, SERVICE);
    const res = await spawn(org.apiKey, parent.id, { name: 'reader', permissions: ['events:read'] });
    expect(res.status).toBe(202);
    expect(res.body.approvalReasons).toEqual(['permissions events:read']);
    const cli = locateTemporalBinary({
      cliPath: process.env.TEMPORAL_CLI_PATH,
      cacheDir: process.env.MIR_CACHE_DIR ?? defaultCacheDir(),
      searchPath: process.env.PATH,
    });
    expect(cli).not.toBeNull();
    // The 202 comes once the start is queued; the worker's dispatcher starts it a moment later.
    await whenStarted(temporal.client, res.body.workflowId);
    await promisify(execFile)(cli!.path, [
      'workflow',
      'signal',
      '--address',
      testEnv().temporalAddress,
      '--workflow-id',
      res.body.workflowId,
      '--name',
      'approve',
      '--input',
      '{"approver":"alice"}',
    ]);
    expect(await result(res.body.workflowId)).toMatchObject({ status: 'APPROVED', alreadyDecided: false });
    await maybeRecordHistory(temporal.client.workflow.getHandle(res.body.workflowId), 'spawn-approval.json');
    const request = await getRequest(org.apiKey, res.body.spawnRequestId);
    expect(request.body).toMatchObject({
      status: 'APPROVED',
      decidedBy: { type: 'admin', id: 'alice', via: 'temporal_signal' },
    });
    expect((await me(res.body.apiKey)).body).toMatchObject({ permissions: ['events:read'] });
    const [audit] = await sql`select actor_type, actor_id, details from audit_log
      where target_id = ${res.body.spawnRequestId} and action = 'agent.spawn_approved'`;
    expect(audit).toMatchObject({ actor_type: 'admin', actor_id: 'alice', details: { decidedVia: 'temporal_signal' } });
  });

  it("rejection: by REST, or by signal (the requester's own signal is ignored); the key never works", async () => {
    const org = await setup();
    const parent = await createAgent(org.apiKey, SERVICE);
    const viaRest = await spawn(org.apiKey, parent.id, { name: 'r1', permissions: ['events:read'] });
    // The key that asked cannot decide; another OWNER/ADMIN key can.
    expect((await decide(org.apiKey, viaRest.body.spawnRequestId, 'reject')).status).toBe(403);
    const admin = await issueKey(org.id, 'ADMIN');
    const rejected = await decide(admin, viaRest.body.spawnRequestId, 'reject', { reason: 'not needed' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      spawnRequest: { status: 'REJECTED', decisionReason: 'not needed' },
      agent: null,
    });
    expect(await result(viaRest.body.workflowId)).toMatchObject({ status: 'REJECTED' });
    const refused = await me(viaRest.body.apiKey);
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toMatch(/rejected/);

    const viaSignal = await spawn(org.apiKey, parent.id, { name: 'r2', permissions: ['events:read'] });
    const handle = await whenStarted(temporal.client, viaSignal.body.workflowId);
    await handle.signal(approveSignal, { approver: parent.id });
    // The requester's approval was tried (decideSpawn ran and completed) and refused: the workflow waits again.
    await eventually(async () =>
      (await historyEvents(handle)).some((e) => e.activityTaskCompletedEventAttributes) ? true : undefined,
    );
    expect(await handle.query(spawnApprovalStateQuery)).toMatchObject({ status: 'PENDING_APPROVAL', outcome: null });
    expect((await getRequest(org.apiKey, viaSignal.body.spawnRequestId)).body.status).toBe('PENDING_APPROVAL');
    await handle.signal(rejectSignal, { approver: 'bob', reason: 'no' });
    expect(await result(viaSignal.body.workflowId)).toMatchObject({ status: 'REJECTED' });
    expect((await getRequest(org.apiKey, viaSignal.body.spawnRequestId)).body).toMatchObject({
      status: 'REJECTED',
      decidedBy: { type: 'admin', id: 'bob', via: 'temporal_signal' },
      decisionReason: 'no',
    });
    expect((await sql`select count(*)::int as n from agents where parent_id = ${parent.id}`)[0]!.n).toBe(0);
  });

  it('no decision before a short deadline: EXPIRED, the key stays refused, a late approval is 409', async () => {
    const org = await setup({ approvalTimeoutSeconds: 2 });
    const parent = await createAgent(org.apiKey, SERVICE);
    const res = await spawn(org.apiKey, parent.id, { name: 'late', permissions: ['events:read'] });
    expect(res.status).toBe(202);
    expect(await result(res.body.workflowId)).toMatchObject({ status: 'EXPIRED' });
    await maybeRecordHistory(temporal.client.workflow.getHandle(res.body.workflowId), 'spawn-approval-expired.json');
    const admin = await issueKey(org.id, 'ADMIN');
    const late = await decide(admin, res.body.spawnRequestId, 'approve');
    expect(late.status).toBe(409);
    expect(late.body.error.details.status).toBe('EXPIRED');
    expect((await me(res.body.apiKey)).status).toBe(401);
    const expired = await eventually(async () => {
      const list = await http('GET', '/v1/agents/spawn-requests?status=EXPIRED', { headers: keyHeaders(admin) });
      return list.body.spawnRequests.length === 1 ? list.body.spawnRequests[0] : undefined;
    });
    expect(expired).toMatchObject({ id: res.body.spawnRequestId, decidedBy: { type: 'system', via: 'system' } });
  });

  it('an approval is refused when the parent was revoked while the request waited', async () => {
    const org = await setup();
    const parent = await createAgent(org.apiKey, SERVICE);
    const res = await spawn(org.apiKey, parent.id, { name: 'orphan', permissions: ['events:read'] });
    await http('POST', `/v1/agents/${parent.id}/revoke`, { headers: keyHeaders(org.apiKey) });
    const admin = await issueKey(org.id, 'ADMIN');
    const approved = await decide(admin, res.body.spawnRequestId, 'approve');
    expect(approved.status).toBe(409);
    expect(approved.body.error.details).toMatchObject({
      status: 'REJECTED',
      reason: expect.stringMatching(/no longer ACTIVE/),
    });
    expect((await me(res.body.apiKey)).status).toBe(401);
  });
});
