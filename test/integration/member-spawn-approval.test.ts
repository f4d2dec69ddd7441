import type { spawnApprovalWorkflow } from '../../src/workflows/spawn-approval';
import { createAgent } from '../helpers/agents';
import { testSql } from '../helpers/db';
import { http } from '../helpers/http';
import { signupAndLogin } from '../helpers/linking';
import { addMembers, asMember, createOrgFor, type Person } from '../helpers/member-sessions';
import { maybeRecordHistory, setSpawnPolicy, spawn } from '../helpers/spawn';
import { useTemporalClient, whenStarted } from '../helpers/temporal';

jest.setTimeout(120_000);
const sql = testSql();
const temporal = useTemporalClient();
afterAll(() => sql.end());

const SERVICE = { name: 'Reconciler', type: 'SERVICE_ACCOUNT', preset: 'reconciler' };
const READER = { name: 'reader', permissions: ['events:read'] };

let org: { id: string; apiKey: string };
let admin: Person;
let admin2: Person;
let parentId: string;
beforeAll(async () => {
  org = await createOrgFor(await signupAndLogin());
  await setSpawnPolicy(org.apiKey, {
    enabled: true,
    maxDepth: 3,
    requireApprovalFromDepth: 3,
    requireApprovalForPermissions: ['events:read'],
  });
  const added = await addMembers(org.apiKey, ['ADMIN', 'ADMIN']);
  [admin, admin2] = [added[0]!, added[1]!];
  parentId = (await createAgent(org.apiKey, SERVICE)).id;
});

const decide = (person: Person, id: string, decision: 'approve' | 'reject', body?: unknown) =>
  http('POST', `/v1/agents/spawn-requests/${id}/${decision}`, { headers: asMember(person, org.id), body });
const result = async (workflowId: string) => {
  await whenStarted(temporal.client, workflowId);
  return temporal.client.workflow.getHandle<typeof spawnApprovalWorkflow>(workflowId).result();
};

describe('spawn approval by a member with their session', () => {
  it('ADMIN members approving at once: the workflow decides once, naming the person in the audit and decidedBy', async () => {
    const requested = await spawn(org.apiKey, parentId, READER);
    expect(requested.status).toBe(202);
    const { spawnRequestId, workflowId, childAgentId } = requested.body;
    await whenStarted(temporal.client, workflowId);
    const answers = await Promise.all([
      decide(admin, spawnRequestId, 'approve', { reason: 'ok' }),
      decide(admin2, spawnRequestId, 'approve'),
      decide(admin, spawnRequestId, 'approve'),
    ]);
    const winners = answers.filter((a) => a.status === 200);
    expect(winners).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.error.code)).toEqual([
      'invalid_state',
      'invalid_state',
    ]);
    const decidedBy = winners[0]!.body.spawnRequest.decidedBy;
    expect([admin.id, admin2.id]).toContain(decidedBy.id);
    expect(decidedBy).toEqual({ type: 'user', id: decidedBy.id, via: 'session' });
    expect(winners[0]!.body.agent).toMatchObject({ id: childAgentId, status: 'ACTIVE' });
    expect(await result(workflowId)).toMatchObject({ status: 'APPROVED', alreadyDecided: false });

    const audits = await sql`select actor_type, actor_id from audit_log
      where target_id = ${spawnRequestId} and action = 'agent.spawn_approved'`;
    expect(audits).toEqual([{ actor_type: 'user', actor_id: decidedBy.id }]);
    const listed = await http('GET', `/v1/audit?targetId=${spawnRequestId}&action=agent.spawn_approved`, {
      headers: asMember(admin2, org.id),
    });
    expect(listed.body.entries.map((e: { actor: unknown }) => e.actor)).toEqual([{ type: 'user', id: decidedBy.id }]);
    const fetched = await http('GET', `/v1/agents/spawn-requests/${spawnRequestId}`, {
      headers: asMember(admin, org.id),
    });
    expect(fetched.body).toMatchObject({ status: 'APPROVED', decidedBy });
  });

  it('a person cannot decide a spawn requested through their own session; another person can', async () => {
    const requested = await http('POST', `/v1/agents/${parentId}/spawn`, {
      headers: asMember(admin, org.id),
      body: READER,
    });
    expect(requested.status).toBe(202);
    const { spawnRequestId, workflowId } = requested.body;
    const pending = await http('GET', `/v1/agents/spawn-requests/${spawnRequestId}`, {
      headers: asMember(admin2, org.id),
    });
    expect(pending.body.requestedBy).toEqual({ type: 'user', id: admin.id });
    await whenStarted(temporal.client, workflowId);
    for (const decision of ['approve', 'reject'] as const) {
      const own = await decide(admin, spawnRequestId, decision);
      expect([own.status, own.body.error.code]).toEqual([403, 'forbidden']);
    }
    const still = await http('GET', `/v1/agents/spawn-requests/${spawnRequestId}`, {
      headers: asMember(admin, org.id),
    });
    expect(still.body.status).toBe('PENDING_APPROVAL');
    const rejected = await decide(admin2, spawnRequestId, 'reject', { reason: 'not now' });
    expect(rejected.status).toBe(200);
    expect(rejected.body.spawnRequest.decidedBy).toEqual({ type: 'user', id: admin2.id, via: 'session' });
    expect(await result(workflowId)).toMatchObject({ status: 'REJECTED', alreadyDecided: false });
    // A requester refused, then another person deciding: the replay fixture of a session decision.
    await maybeRecordHistory(temporal.client.workflow.getHandle(workflowId), 'spawn-approval-session.json');
  });
});
