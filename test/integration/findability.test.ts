import { randomBytes } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { workflowIds } from '../../src/domain/workflow-ids';
import { currentDetails, listWorkflows } from '../../src/temporal/client';
import { MirAgentId, MirOperation, MirOrgId, MirUserId } from '../../src/workflows/search-attributes';
import { AI_BOT, createAgent } from '../helpers/agents';
import { testSql } from '../helpers/db';
import { testEnv } from '../helpers/env';
import { keyHeaders, uniqueUserId } from '../helpers/events';
import { maybeRecordHistory, setSpawnPolicy, spawn, spawnChild } from '../helpers/spawn';
import { adminHeaders, createOrg, freshLoopback, http, postFrom } from '../helpers/http';
import { invite, signupAndLogin } from '../helpers/linking';
import { runNpm, terminate } from '../helpers/npm-process';
import { eventually, useTemporalClient, whenStarted } from '../helpers/temporal';

jest.setTimeout(180_000);
const sql = testSql();
const temporal = useTemporalClient();
afterAll(() => sql.end());

const attributesOf = async (workflowId: string) => {
  const d = await (await whenStarted(temporal.client, workflowId)).describe();
  const get = (key: typeof MirOrgId) => d.typedSearchAttributes.get(key) ?? null;
  return { org: get(MirOrgId), op: get(MirOperation), agent: get(MirAgentId), user: get(MirUserId) };
};

/** An organisation with a pending invite, a pending code and a spawn waiting for approval. */
async function orgWithWaitingWorkflows() {
  const org = await createOrg();
  await setSpawnPolicy(org.apiKey, { enabled: true, maxDepth: 3, requireApprovalFromDepth: 1 });
  const root = await createAgent(org.apiKey, AI_BOT);
  const pendingInvite = await invite(org.apiKey, uniqueUserId());
  const code = await http('POST', '/partners/link/code', {
    headers: keyHeaders(org.apiKey),
    body: { userId: uniqueUserId() },
  });
  const [codeRequest] = await sql`select id from link_requests where organization_id = ${org.id} and kind = 'code'`;
  const spawned = await spawn(org.apiKey, root.id, { name: 'needs approval' });
  expect([code.status, spawned.status]).toEqual([201, 202]);
  return {
    org,
    root,
    code: code.body.code as string,
    ids: {
      invite: workflowIds.linkRequest({ kind: 'invite', id: pendingInvite.inviteId }),
      code: workflowIds.linkRequest({ kind: 'code', id: codeRequest!.id }),
      spawn: spawned.body.workflowId as string,
    },
  };
}

describe('findability: search attributes and current details', () => {
  it("MirOrgId = … AND ExecutionStatus = 'Running' finds exactly the workflows an organisation started", async () => {
    const { org, root, ids } = await orgWithWaitingWorkflows();
    await orgWithWaitingWorkflows(); // another organisation's, which must not show up
    const query = `MirOrgId = '${org.id}' AND ExecutionStatus = 'Running'`;
    // Visibility is eventually consistent: wait until the three are listed, then compare exactly.
    const listed = await eventually(async () => {
      const found = await listWorkflows(temporal.client, query);
      return found.length >= 3 ? found : undefined;
    });
    expect(listed.map((w) => w.workflowId).sort()).toEqual(Object.values(ids).sort());
    expect(Object.fromEntries(listed.map((w) => [w.workflowId, [w.operation, w.agentId]]))).toEqual({
      [ids.invite]: ['link-invite', null],
      [ids.code]: ['link-code', null],
      [ids.spawn]: ['spawn-approval', root.id],
    });

    const spawnDetails = await currentDetails(temporal.client, ids.spawn);
    expect(spawnDetails).toMatch(
      new RegExp(`waiting for approval by an OWNER or ADMIN of ${org.id}, deadline \\d{4}-\\d\\d-\\d\\dT`),
    );
    expect(await currentDetails(temporal.client, ids.invite)).toMatch(
      new RegExp(`waiting for the person to confirm or decline, deadline`),
    );
    expect(await currentDetails(temporal.client, ids.code)).toMatch(/waiting for the person to redeem the code/);
  });

  it('a redeemed code adds the person (MirUserId); an agent that asked is MirAgentId', async () => {
    const { org, ids, code } = await orgWithWaitingWorkflows();
    const person = await signupAndLogin();
    const redeemed = await postFrom(
      freshLoopback(),
      '/v1/me/links/code',
      { code },
      { headers: { authorization: `Bearer ${person.token}` } },
    );
    expect(redeemed.status).toBe(200);
    const handle = temporal.client.workflow.getHandle(ids.code);
    await handle.result();
    // The patched branch (MirUserId added on confirmation) as a replay fixture of its own.
    await maybeRecordHistory(handle, 'link-code-redeemed-user-attribute.json');
    expect(await attributesOf(ids.code)).toEqual({ org: org.id, op: 'link-code', agent: null, user: person.id });

    const agent = await createAgent(org.apiKey, { ...AI_BOT, name: 'inviter' });
    const asAgent = await http('POST', '/partners/link/invite', {
      headers: keyHeaders(agent.apiKey, { 'idempotency-key': `invite-${Date.now()}` }),
      body: { userId: uniqueUserId() },
    });
    expect(asAgent.status).toBe(201);
    const id = workflowIds.linkRequest({ kind: 'invite', id: asAgent.body.inviteId });
    expect(await attributesOf(id)).toEqual({ org: org.id, op: 'link-invite', agent: agent.id, user: null });
  });

  it('every other workflow carries MirOrgId and MirOperation too, and says what it did', async () => {
    const org = await createOrg();
    const root = await createAgent(org.apiKey, AI_BOT);
    await spawnChild(org.apiKey, root.id, { name: 'child' }).catch(() => undefined);
    const pulled = await http('POST', `/v1/agents/${root.id}/revoke-descendants`, { headers: keyHeaders(org.apiKey) });
    expect(pulled.status).toBe(202);
    const handle = await whenStarted(temporal.client, pulled.body.workflowId);
    await handle.result();
    expect(await attributesOf(pulled.body.workflowId)).toEqual({
      org: org.id,
      op: 'revoke-descendants',
      agent: root.id,
      user: null,
    });

    const smoke = await http('POST', '/admin/diagnostics/workflow', { headers: adminHeaders() });
    expect(smoke.status).toBe(200);
    expect(await attributesOf(smoke.body.workflowId)).toMatchObject({ org: 'none', op: 'smoke' });
  });
});

describe('the worker checks the search attributes at start', () => {
  it('refuses a namespace that lacks them and prints the commands that register them', async () => {
    const namespace = `mir-bare-${randomBytes(4).toString('hex')}`;
    const connection = await Connection.connect({ address: testEnv().temporalAddress });
    try {
      await connection.workflowService.registerNamespace({
        namespace,
        workflowExecutionRetentionPeriod: msToTs('1 day'),
      });
    } finally {
      await connection.close();
    }
    const { databaseUrl, temporalAddress, adminToken, workflowBundle } = testEnv();
    const env = {
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: namespace,
      MIR_ADMIN_TOKEN: adminToken,
      MIR_WORKFLOW_BUNDLE: workflowBundle,
    };
    // A new namespace takes a moment to reach every part of the server: retry while it is unknown.
    const output = await eventually(async () => {
      const worker = runNpm(['run', 'worker'], env);
      const code = await Promise.race([worker.exited, new Promise((r) => setTimeout(() => r('running'), 60_000))]);
      if (code === 'running') await terminate(worker);
      return /lacks the search attributes/.test(worker.output()) ? { code, text: worker.output() } : undefined;
    }, 90_000);
    expect(output.code).toBe(1);
    for (const name of ['MirOrgId', 'MirAgentId', 'MirUserId', 'MirOperation', 'MiraOrgId']) {
      expect(output.text).toContain(
        `temporal operator search-attribute create --namespace ${namespace} --name ${name} --type Keyword`,
      );
    }
  });
});
