import { createAgent, issueKey } from '../helpers/agents';
import { keyHeaders, uniqueUserId } from '../helpers/events';
import { setSpawnPolicy, spawn } from '../helpers/spawn';
import { createOrg, http } from '../helpers/http';
import { confirmInvite, invite, signupAndLogin } from '../helpers/linking';
import { freshDomain, importMembers, listInvites, listMembers, signUp } from '../helpers/members';
import { useTemporalClient } from '../helpers/temporal';
import { type Received, WebhookReceiver, verifyWith } from '../helpers/webhook-receiver';
import { WEBHOOK_EVENT_TYPES } from '../../src/domain/webhooks';
import { startApiProcess } from '../helpers/api-process';
import { cancelErasure, linkByCode, requestErasure } from '../helpers/erasure';

jest.setTimeout(120_000);

const temporal = useTemporalClient();
const receiver = new WebhookReceiver();
let url: string;
beforeAll(async () => {
  url = await receiver.start();
});
afterAll(() => receiver.stop());

/** An organisation subscribed to everything, with its secret, so each event can be verified. */
async function subscribedOrg() {
  const org = await createOrg();
  const hook = await http('POST', '/v1/webhooks', {
    headers: keyHeaders(org.apiKey),
    body: { url, eventTypes: ['*'] },
  });
  expect(hook.status).toBe(201);
  const seen = new Set<string>();
  /** Waits for the org's event of `type` matching `where`, and checks its signature and shape. */
  const expectEvent = async (type: string, where: (data: Record<string, any>) => boolean) => {
    const got: Received = await receiver.waitFor(type, (r) => r.json.data && where(r.json.data));
    verifyWith(hook.body.secret, got);
    expect(Object.keys(got.json)).toEqual(['type', 'timestamp', 'data']);
    expect(Date.parse(got.json.timestamp)).not.toBeNaN();
    seen.add(type);
    return got.json.data;
  };
  return { org, expectEvent, seen };
}

const post = (key: string, path: string, body?: unknown) => http('POST', path, { headers: keyHeaders(key), body });

describe('every event in the catalogue is delivered after its cause', () => {
  const covered = new Set<string>();

  it('link.confirmed, link.removed and link.invite.expired', async () => {
    const { org, expectEvent, seen } = await subscribedOrg();
    const person = await signupAndLogin();
    const userId = uniqueUserId('hook');
    const created = await invite(org.apiKey, userId);
    await confirmInvite(temporal.client, created.inviteId, person.id);
    const confirmed = await expectEvent('link.confirmed', (d) => d.userId === userId);
    expect(confirmed).toMatchObject({ method: 'invite', requestId: created.inviteId });
    const removed = await http('DELETE', `/v1/me/links/${org.id}`, {
      headers: { authorization: `Bearer ${person.token}` },
    });
    expect(removed.status).toBe(200);
    expect(await expectEvent('link.removed', (d) => d.userId === userId)).toMatchObject({ linkId: confirmed.linkId });
    const ttl = { linkInviteTtlSeconds: 5 };
    expect((await http('PATCH', '/portal/api/settings', { headers: keyHeaders(org.apiKey), body: ttl })).status).toBe(
      200,
    );
    const lapsing = uniqueUserId('lapse');
    const expiring = await invite(org.apiKey, lapsing);
    expect(await expectEvent('link.invite.expired', (d) => d.userId === lapsing)).toEqual({
      inviteId: expiring.inviteId,
      userId: lapsing,
      expiresAt: expiring.expiresAt,
    });
    const text = JSON.stringify(receiver.received.filter((r) => r.body.includes(userId)).map((r) => r.json));
    expect(text).not.toContain(person.email);
    seen.forEach((t) => covered.add(t));
  });

  it('agent.created, suspended, reactivated, key_rotated and revoked', async () => {
    const { org, expectEvent, seen } = await subscribedOrg();
    const agent = await createAgent(org.apiKey, { name: 'Hooked', type: 'SERVICE_ACCOUNT', preset: 'reconciler' });
    const created = await expectEvent('agent.created', (d) => d.agentId === agent.id);
    expect(created).toMatchObject({
      name: 'Hooked',
      type: 'SERVICE_ACCOUNT',
      permissions: ['events:write', 'events:read'],
    });
    await post(org.apiKey, `/v1/agents/${agent.id}/suspend`, { reason: 'audit' });
    expect(await expectEvent('agent.suspended', (d) => d.agentId === agent.id)).toMatchObject({ reason: 'audit' });
    await post(org.apiKey, `/v1/agents/${agent.id}/reactivate`);
    await expectEvent('agent.reactivated', (d) => d.agentId === agent.id);
    const rotated = await post(org.apiKey, `/v1/agents/${agent.id}/key/rotate`);
    expect(rotated.status).toBe(200);
    expect(await expectEvent('agent.key_rotated', (d) => d.agentId === agent.id)).toMatchObject({ keyVersion: 1 });
    await post(org.apiKey, `/v1/agents/${agent.id}/revoke`, { reason: 'retired' });
    expect(await expectEvent('agent.revoked', (d) => d.agentId === agent.id)).toMatchObject({ reason: 'retired' });
    const everything = JSON.stringify(receiver.received.map((r) => r.json));
    expect(everything).not.toContain(agent.apiKey);
    expect(everything).not.toContain(rotated.body.apiKey);
    seen.forEach((t) => covered.add(t));
  });

  it('agent.spawn.requested carries what an approver needs; agent.spawn.decided and the child follow', async () => {
    const { org, expectEvent, seen } = await subscribedOrg();
    await setSpawnPolicy(org.apiKey, { enabled: true, maxDepth: 3, requireApprovalFromDepth: 1 });
    const approver = await issueKey(org.id, 'ADMIN');
    const parent = await createAgent(org.apiKey, { name: 'Parent', type: 'SERVICE_ACCOUNT', preset: 'reconciler' });
    const res = await spawn(org.apiKey, parent.id, { name: 'Waiting child' });
    expect(res.status).toBe(202);
    const requested = await expectEvent('agent.spawn.requested', (d) => d.spawnRequestId === res.body.spawnRequestId);
    expect(requested).toMatchObject({
      parentAgentId: parent.id,
      childAgentId: res.body.childAgentId,
      requestedPermissions: ['events:write', 'events:read'],
      expiresAt: res.body.expiresAt,
    });
    const approved = await post(approver, `/v1/agents/spawn-requests/${res.body.spawnRequestId}/approve`);
    expect(approved.status).toBe(200);
    const decided = await expectEvent('agent.spawn.decided', (d) => d.spawnRequestId === res.body.spawnRequestId);
    expect(decided).toMatchObject({ status: 'APPROVED', childAgentId: res.body.childAgentId });
    const child = await expectEvent('agent.created', (d) => d.agentId === res.body.childAgentId);
    expect(child).toMatchObject({ parentId: parent.id, spawnRequestId: res.body.spawnRequestId });
    seen.forEach((t) => covered.add(t));
  });

  it('agent.descendants_revoked once the cascade has finished, with its counts', async () => {
    const { org, expectEvent, seen } = await subscribedOrg();
    await setSpawnPolicy(org.apiKey, { enabled: true, maxDepth: 3 });
    const root = await createAgent(org.apiKey, { name: 'Root', type: 'SERVICE_ACCOUNT', preset: 'reconciler' });
    for (const name of ['a', 'b']) expect((await spawn(org.apiKey, root.id, { name })).status).toBe(201);
    const res = await post(org.apiKey, `/v1/agents/${root.id}/revoke-descendants`, { reason: 'compromised' });
    expect(res.status).toBe(202);
    const done = await expectEvent('agent.descendants_revoked', (d) => d.rootAgentId === root.id);
    expect(done).toMatchObject({ operationId: res.body.operationId, total: 3, revoked: 3, reason: 'compromised' });
    const state = await http('GET', `/v1/agents/revocations/${res.body.operationId}`, {
      headers: keyHeaders(org.apiKey),
    });
    expect(state.body.status).toBe('COMPLETED');
    // The cascade is reported once, not agent by agent.
    expect(receiver.ofType('agent.revoked').filter((r) => r.json.data.agentId === root.id)).toEqual([]);
    seen.forEach((t) => covered.add(t));
  });

  it('member.claimed when a person verifies an imported address', async () => {
    const { org, expectEvent, seen } = await subscribedOrg();
    const email = `claim@${freshDomain()}`;
    expect((await importMembers(org.apiKey, { analysts: [email] })).status).toBe(200);
    const imported = (await listInvites(org.apiKey)).body.invites[0].id;
    const person = await signUp(email);
    await person.verify();
    const claimed = await expectEvent('member.claimed', (d) => d.inviteId === imported);
    // The member's id in this organisation (the members list's id), never the person's MIR account id.
    const [member] = (await listMembers(org.apiKey)).body.members;
    expect(claimed).toEqual({
      inviteId: imported,
      memberId: member.id,
      role: 'ANALYST',
      claimedAt: expect.any(String),
    });
    expect(JSON.stringify(claimed)).not.toContain(email);
    expect(JSON.stringify(claimed)).not.toContain(person.id);
    seen.forEach((t) => covered.add(t));
  });

  it("user.erasure_scheduled, user.erasure_cancelled and user.erased, with the partner's own user id", async () => {
    // An API of its own with a one-second grace, so the erasure runs to its end on the stack's worker.
    const quick = await startApiProcess({ MIR_ERASURE_GRACE_SECONDS: '1' });
    try {
      const { org, expectEvent, seen } = await subscribedOrg();
      const partner = { id: org.id, apiKey: org.apiKey, webhookId: null };
      const staying = await signupAndLogin();
      const stayingUser = { ...partner, userId: uniqueUserId('stays') };
      await linkByCode(stayingUser, staying.token);
      expect((await requestErasure(staying.token, staying.password)).status).toBe(202);
      await expectEvent('user.erasure_scheduled', (d) => d.userId === stayingUser.userId);
      expect((await cancelErasure(staying.token)).status).toBe(200);
      await expectEvent('user.erasure_cancelled', (d) => d.userId === stayingUser.userId);

      const leaving = await signupAndLogin();
      const leavingUser = { ...partner, userId: uniqueUserId('leaves') };
      await linkByCode(leavingUser, leaving.token);
      expect((await requestErasure(leaving.token, leaving.password, quick.url)).status).toBe(202);
      const erased = await expectEvent('user.erased', (d) => d.userId === leavingUser.userId);
      expect(JSON.stringify(erased)).not.toContain(leaving.id);
      expect(JSON.stringify(erased)).not.toContain(leaving.email);
      seen.forEach((t) => covered.add(t));
    } finally {
      await quick.stop();
    }
  }, 180_000);

  it('the tests above covered the whole catalogue', () => {
    // The catalogue and this file move together: a new event type needs a cause here.
    expect([...covered].sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
  });

  it('a rolled-back change reports nothing: an agent refused for a taken external id', async () => {
    const { org, expectEvent } = await subscribedOrg();
    const body = { name: 'Dup', type: 'SERVICE_ACCOUNT', preset: 'reconciler', agentExternalId: `ext-${Date.now()}` };
    const first = await createAgent(org.apiKey, body);
    const second = await post(org.apiKey, '/v1/agents', body);
    expect(second.status).toBe(409);
    await expectEvent('agent.created', (d) => d.agentId === first.id);
    const marker = await createAgent(org.apiKey, { ...body, agentExternalId: `later-${Date.now()}` });
    await expectEvent('agent.created', (d) => d.agentId === marker.id);
    const dups = receiver.ofType('agent.created').filter((r) => r.json.data.agentExternalId === body.agentExternalId);
    expect(dups).toHaveLength(1);
  });
});
