import { randomUUID } from 'node:crypto';
import { workflowIds } from '../../src/domain/workflow-ids';
import { createAgent, issueKey } from '../helpers/agents';
import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import { testSql } from '../helpers/db';
import { keyHeaders, uniqueUserId } from '../helpers/events';
import { adminHeaders, createOrg, freshLoopback, http, postFrom } from '../helpers/http';
import { confirmInvite, invite, signupAndLogin } from '../helpers/linking';
import { PASSWORD, freshDomain, importMembers, listInvites, signUp } from '../helpers/members';
import { createMiraOrg, createRep, finishedMeeting, meetingBody, mira } from '../helpers/mira';
import { describeAdminSecurity } from '../helpers/security';
import { type NpmProcess, terminate } from '../helpers/npm-process';
import { freePort } from '../helpers/ports';
import { me, setSpawnPolicy, spawn } from '../helpers/spawn';
import { eventually, runsOf, useTemporalClient, workflowIsUnknown } from '../helpers/temporal';
import { WebhookReceiver } from '../helpers/webhook-receiver';
import { startWorkerOn } from '../helpers/worker-process';

jest.setTimeout(600_000);
const sql = testSql();
const temporal = useTemporalClient();
const receiver = new WebhookReceiver();
/** Only a worker of this queue starts what the API below queues: none runs until the test starts one. */
const queue = `mir-outbox-${randomUUID()}`;
let cutOff: ApiProcess;
let worker: NpmProcess | undefined;
let hookUrl: string;

beforeAll(async () => {
  hookUrl = await receiver.start();
  // Temporal's address is a closed port: this API cannot reach Temporal at all.
  const closed = `127.0.0.1:${await freePort()}`;
  cutOff = await startApiProcess({ TEMPORAL_ADDRESS: closed, TEMPORAL_TASK_QUEUE: queue }, 120_000, '/health');
});
afterAll(async () => {
  if (worker) await terminate(worker);
  await cutOff?.stop();
  await receiver.stop();
  await sql.end();
});

const at = (apiKey: string) => ({ baseUrl: cutOff.url, headers: keyHeaders(apiKey) });

describeAdminSecurity('GET', '/admin/workflow-starts');

describe('starting a workflow: one outbox, drained by the worker', () => {
  it('the operator list refuses a limit that is not a number from 1 to 500, in the one error shape', async () => {
    for (const limit of ['abc', '0', '501', '1e3', '%00']) {
      const res = await http('GET', `/admin/workflow-starts?limit=${limit}`, { headers: adminHeaders() });
      expect([res.status, res.body.error.code]).toEqual([400, 'validation_failed']);
    }
  });

  it('each of the six answers at once with Temporal unreachable; a worker then starts each workflow exactly once', async () => {
    const org = await createOrg();
    await setSpawnPolicy(org.apiKey, { enabled: true, maxDepth: 3, requireApprovalFromDepth: 1 });
    const parent = await createAgent(org.apiKey, { name: 'p', type: 'SERVICE_ACCOUNT', preset: 'admin' });
    const doomed = await createAgent(org.apiKey, { name: 'doomed', type: 'SERVICE_ACCOUNT', preset: 'reconciler' });
    const hookOrg = await createOrg();
    const hook = await http('POST', '/v1/webhooks', {
      headers: keyHeaders(hookOrg.apiKey),
      body: { url: hookUrl, eventTypes: ['agent.created'] },
    });
    const miraOrg = await createMiraOrg();
    const rep = await createRep(miraOrg);
    const email = `auto@${freshDomain()}`;
    const memberOrg = await createOrg();
    expect((await importMembers(memberOrg.apiKey, { analysts: [email] })).status).toBe(200);

    // 1. A spawn that needs approval: 202, its approval workflow queued with the request.
    const spawned = await spawn(org.apiKey, parent.id, { name: 'kid' }, {}, cutOff.url);
    expect(spawned.status).toBe(202);
    // 2. The kill switch, pulled twice at once: in force at once, one operation, one start.
    const pull = () => http('POST', `/v1/agents/${doomed.id}/revoke-descendants`, at(org.apiKey));
    const pulls = await Promise.all([pull(), pull()]);
    expect(pulls.map((p) => p.status)).toEqual([202, 202]);
    expect(pulls[1]!.body.operationId).toBe(pulls[0]!.body.operationId);
    expect((await me(doomed.apiKey)).status).toBe(401);
    // 3. An invite (asked again: the same invite) and a code.
    const userId = uniqueUserId();
    const inv = await invite(org.apiKey, userId, {}, cutOff.url);
    expect((await invite(org.apiKey, userId, {}, cutOff.url)).inviteId).toBe(inv.inviteId);
    const code = await http('POST', '/partners/link/code', { ...at(org.apiKey), body: { userId: uniqueUserId() } });
    expect(code.status).toBe(201);
    const [codeRow] = await sql`select id from link_requests where organization_id = ${org.id} and kind = 'code'`;
    // 4. A Mira meeting.
    const meeting = await mira('POST', '/meetings', miraOrg.key, meetingBody(rep), cutOff.url);
    expect([meeting.status, meeting.body.data.status]).toEqual([202, 'pending']);
    // 5. A webhook delivery.
    const sent = await http('POST', `/v1/webhooks/${hook.body.id}/test`, at(hookOrg.apiKey));
    expect(sent.status).toBe(202);
    // 6. A verification, whose member invite the auto-link claims: no login needed afterwards.
    const person = await signUp(email, cutOff.url);
    const verified = await http('POST', '/v1/users/verify-email', {
      baseUrl: cutOff.url,
      body: { token: person.token, password: PASSWORD },
    });
    expect(verified.status).toBe(200);

    const ids = {
      spawn: spawned.body.workflowId as string,
      killSwitch: pulls[0]!.body.workflowId as string,
      invite: workflowIds.linkRequest({ kind: 'invite', id: inv.inviteId }),
      code: workflowIds.linkRequest({ kind: 'code', id: codeRow!.id }),
      meeting: workflowIds.miraMeeting(meeting.body.data.id),
      webhook: sent.body.workflowId as string,
      autolink: workflowIds.memberAutoLink(person.id),
    };
    const queued =
      await sql`select workflow_id, args, search_attributes from workflow_starts where task_queue = ${queue}`;
    expect(queued.map((r) => r.workflow_id).sort()).toEqual(Object.values(ids).sort());
    for (const id of Object.values(ids)) expect(await workflowIsUnknown(temporal.client, id)).toBe(true);
    // Ids only: no key, token or code waits in the outbox.
    const stored = JSON.stringify(queued);
    for (const secret of [spawned.body.apiKey, inv.inviteUrl.split('/link/')[1], code.body.code, person.token]) {
      expect(stored).not.toContain(secret);
    }
    // What an operator sees (`npm run mir -- outbox`): each waiting start, its queue, no error yet.
    const outbox = await http('GET', '/admin/workflow-starts?limit=500', { headers: adminHeaders() });
    const listed = (outbox.body.starts as { workflowId: string; taskQueue: string; attempts: number }[]).filter(
      (s) => s.taskQueue === queue,
    );
    expect(listed.map((s) => s.workflowId).sort()).toEqual(Object.values(ids).sort());
    expect(listed.every((s) => s.attempts === 0)).toBe(true);
    expect(outbox.body.counts.waiting).toBeGreaterThanOrEqual(listed.length);

    // Deciding while the start waits (Temporal up, no worker of the queue): 503, nothing decided.
    const approver = await issueKey(org.id, 'ADMIN');
    const approvePath = `/v1/agents/spawn-requests/${spawned.body.spawnRequestId}/approve`;
    const early = await http('POST', approvePath, { headers: keyHeaders(approver) });
    expect([early.status, early.body.error.code]).toEqual([503, 'worker_unavailable']);
    expect((await me(spawned.body.apiKey)).body.error.code).toBe('agent_pending_approval');

    worker = await startWorkerOn(queue);
    await eventually(async () => {
      const [left] = await sql`select count(*)::int as n from workflow_starts where task_queue = ${queue}`;
      return left!.n === 0 ? true : undefined;
    }, 60_000);
    for (const id of Object.values(ids)) expect(await runsOf(temporal.client, id)).toHaveLength(1);

    // And each does its work.
    const approved = await http('POST', approvePath, { headers: keyHeaders(approver) });
    expect([approved.status, approved.body.spawnRequest.status]).toEqual([200, 'APPROVED']);
    const revocation = `/v1/agents/revocations/${pulls[0]!.body.operationId}`;
    await eventually(async () => {
      const op = await http('GET', revocation, { headers: keyHeaders(org.apiKey) });
      return op.body.status === 'COMPLETED' ? true : undefined;
    }, 60_000);
    const linker = await signupAndLogin();
    expect(await confirmInvite(temporal.client, inv.inviteId, linker.id)).toMatchObject({ ok: true });
    const redeemer = await signupAndLogin();
    const redeemed = await postFrom(
      freshLoopback(),
      '/v1/me/links/code',
      { code: code.body.code },
      { headers: { authorization: `Bearer ${redeemer.token}` } },
    );
    expect(redeemed.status).toBe(200);
    expect(await finishedMeeting(miraOrg, meeting.body.data.id, 60_000)).toMatchObject({ status: 'completed' });
    expect((await receiver.waitFor('webhook.test', (r) => r.body.includes(hook.body.id))).status).toBe(204);
    await eventually(async () => {
      const claimed = await listInvites(memberOrg.apiKey, '?status=CLAIMED');
      return claimed.body.invites.length === 1 ? true : undefined;
    }, 60_000);
  });
});
