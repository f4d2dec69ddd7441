import { AI_BOT, createAgent } from '../helpers/agents';
import { keyHeaders, uniqueUserId } from '../helpers/events';
import { createOrg, http } from '../helpers/http';

const idem = () => ({ 'Idempotency-Key': `k-${uniqueUserId()}` });

/** Every partner endpoint that exists, with the permission the enterprise reference ties it to. */
const ENDPOINTS = [
  {
    method: 'POST',
    path: '/events',
    permission: 'events:write',
    body: () => ({ type: 'review.posted', userId: uniqueUserId() }),
  },
  {
    method: 'POST',
    path: '/events/bulk',
    permission: 'events:write',
    body: () => ({ events: [{ type: 'review.posted', userId: 'u' }] }),
  },
  { method: 'GET', path: '/events', permission: 'events:read' },
  { method: 'POST', path: '/resolve', permission: 'users:resolve', body: () => ({ userId: 'nobody' }) },
] as const;

describe('agent permissions on every endpoint', () => {
  it.each(ENDPOINTS)('$method $path needs $permission', async ({ method, path, permission, ...rest }) => {
    const org = await createOrg();
    const body = 'body' in rest ? rest.body : () => undefined;
    const withIt = await createAgent(org.apiKey, { name: 'with', type: 'SERVICE_ACCOUNT', permissions: [permission] });
    const others = ['events:write', 'events:read', 'users:resolve', 'audit:read'].filter((p) => p !== permission);
    const without = await createAgent(org.apiKey, { name: 'without', type: 'SERVICE_ACCOUNT', permissions: others });
    const allowed = await http(method, path, { headers: keyHeaders(withIt.apiKey), body: body() });
    expect([200, 201, 404]).toContain(allowed.status);
    const denied = await http(method, path, { headers: keyHeaders(without.apiKey), body: body() });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({ code: 'permission_denied', details: { missing: permission } });
    expect(denied.body.error.message).toContain(permission);
  });
});

describe('auth modes', () => {
  it('a partner key with x-mir-agent-id acts as the agent, never with more than the agent has', async () => {
    const org = await createOrg();
    await createAgent(org.apiKey, { ...AI_BOT, agentExternalId: 'checkout-bot', generateKey: false });
    const asAgent = keyHeaders(org.apiKey, { 'x-mir-agent-id': 'checkout-bot' });
    const posted = await http('POST', '/events', {
      headers: { ...asAgent, ...idem() },
      body: { type: 'review.posted', userId: 'u1' },
    });
    expect(posted.status).toBe(201);
    const listed = await http('GET', '/events', { headers: asAgent });
    expect(listed.status).toBe(403);
    expect(listed.body.error.details.missing).toBe('events:read');
    const outside = await http('POST', '/events', {
      headers: { ...asAgent, ...idem() },
      body: { type: 'message.sent', userId: 'u1' },
    });
    expect(outside.body.error.code).toBe('event_type_not_allowed');
    expect((await http('GET', '/events', { headers: keyHeaders(org.apiKey) })).status).toBe(200);
    const unknown = await http('GET', '/events', { headers: keyHeaders(org.apiKey, { 'x-mir-agent-id': 'nobody' }) });
    expect(unknown.status).toBe(401);
  });

  it('an ANALYST key acting as a writer agent still cannot write', async () => {
    const org = await createOrg();
    await createAgent(org.apiKey, {
      name: 'w',
      type: 'SERVICE_ACCOUNT',
      preset: 'event_emitter',
      agentExternalId: 'w',
    });
    const analyst = (
      await http('POST', `/admin/organizations/${org.id}/keys`, {
        headers: { authorization: `Bearer ${process.env.MIR_TEST_ADMIN_TOKEN}` },
        body: { role: 'ANALYST' },
      })
    ).body.apiKey;
    const res = await http('POST', '/events', {
      headers: keyHeaders(analyst, { 'x-mir-agent-id': 'w' }),
      body: { type: 'a.b', userId: 'u' },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('permission_denied');
  });
});

describe('AI_AGENT guardrails at request time', () => {
  it('400 idempotency_key_required on a POST without Idempotency-Key', async () => {
    const org = await createOrg();
    const bot = await createAgent(org.apiKey);
    const res = await http('POST', '/events', {
      headers: keyHeaders(bot.apiKey),
      body: { type: 'review.posted', userId: 'u' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('idempotency_key_required');
    const ok = await http('POST', '/events', {
      headers: keyHeaders(bot.apiKey, idem()),
      body: { type: 'mir.review.posted', userId: 'u' },
    });
    expect(ok.status).toBe(201);
  });

  it('403 event_type_not_allowed outside the allowlist; in bulk, an error item only', async () => {
    const org = await createOrg();
    const bot = await createAgent(org.apiKey);
    const single = await http('POST', '/events', {
      headers: keyHeaders(bot.apiKey, idem()),
      body: { type: 'payout.requested', userId: 'u' },
    });
    expect(single.status).toBe(403);
    expect(single.body.error.code).toBe('event_type_not_allowed');
    const bulk = await http('POST', '/events/bulk', {
      headers: keyHeaders(bot.apiKey, idem()),
      body: {
        events: [
          { type: 'transaction.completed', userId: 'u' },
          { type: 'payout.requested', userId: 'u' },
          { type: 'review.edited', userId: 'u' },
        ],
      },
    });
    expect(bulk.body.summary).toEqual({ total: 3, accepted: 2, errors: 1 });
    expect(bulk.body.results[1]).toMatchObject({
      index: 1,
      status: 'error',
      error: { code: 'event_type_not_allowed' },
    });
  });

  it('400 bulk_limit_exceeded above the agent’s cap, storing nothing', async () => {
    const org = await createOrg();
    const bot = await createAgent(org.apiKey);
    const events = Array.from({ length: 26 }, () => ({ type: 'review.posted', userId: 'u' }));
    const res = await http('POST', '/events/bulk', { headers: keyHeaders(bot.apiKey, idem()), body: { events } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'bulk_limit_exceeded', details: { maxBulkItems: 25, received: 26 } });
    expect((await http('GET', '/events', { headers: keyHeaders(org.apiKey) })).body.events).toHaveLength(0);
  });
});

describe('enforceAgentAuth', () => {
  it('refuses a bare partner key everywhere but settings once the owner turns it on', async () => {
    const org = await createOrg();
    await createAgent(org.apiKey, {
      name: 'svc',
      type: 'SERVICE_ACCOUNT',
      preset: 'reconciler',
      agentExternalId: 'svc',
    });
    const on = await http('PATCH', '/portal/api/settings', {
      headers: keyHeaders(org.apiKey),
      body: { enforceAgentAuth: true },
    });
    expect(on.status).toBe(200);
    expect(on.body.settings.enforceAgentAuth).toBe(true);
    const bare = await http('GET', '/events', { headers: keyHeaders(org.apiKey) });
    expect(bare.status).toBe(403);
    expect(bare.body.error.code).toBe('agent_auth_required');
    expect(
      (await http('POST', '/resolve', { headers: keyHeaders(org.apiKey), body: { userId: 'u' } })).body.error.code,
    ).toBe('agent_auth_required');
    expect(
      (await http('GET', '/events', { headers: keyHeaders(org.apiKey, { 'x-mir-agent-id': 'svc' }) })).status,
    ).toBe(200);
    const off = await http('PATCH', '/portal/api/settings', {
      headers: keyHeaders(org.apiKey),
      body: { enforceAgentAuth: false },
    });
    expect(off.status).toBe(200);
    expect((await http('GET', '/events', { headers: keyHeaders(org.apiKey) })).status).toBe(200);
  });

  it('settings are OWNER only and validated', async () => {
    const org = await createOrg();
    const admin = (
      await http('POST', `/admin/organizations/${org.id}/keys`, {
        headers: { authorization: `Bearer ${process.env.MIR_TEST_ADMIN_TOKEN}` },
        body: { role: 'ADMIN' },
      })
    ).body.apiKey;
    const res = await http('PATCH', '/portal/api/settings', {
      headers: keyHeaders(admin),
      body: { enforceAgentAuth: true },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('role_required');
    expect(
      (
        await http('PATCH', '/portal/api/settings', {
          headers: keyHeaders(org.apiKey),
          body: { enforceAgentAuth: 'yes' },
        })
      ).status,
    ).toBe(400);
    expect((await http('PATCH', '/portal/api/settings', { headers: keyHeaders(org.apiKey), body: {} })).status).toBe(
      400,
    );
  });
});

describe('lifecycle takes effect on the very next request', () => {
  it('suspend → 401 agent_suspended, reactivate → works, revoke → 401 for good (the key is then unknown)', async () => {
    const org = await createOrg();
    const svc = await createAgent(org.apiKey, {
      name: 'svc',
      type: 'SERVICE_ACCOUNT',
      preset: 'reconciler',
      agentExternalId: 'svc',
    });
    const owner = keyHeaders(org.apiKey);
    const me = () => http('GET', '/v1/agents/me', { headers: keyHeaders(svc.apiKey) });
    const viaHeader = () => http('GET', '/events', { headers: keyHeaders(org.apiKey, { 'x-mir-agent-id': 'svc' }) });
    const suspended = await http('POST', `/v1/agents/${svc.id}/suspend`, {
      headers: owner,
      body: { reason: 'Investigating anomalous activity' },
    });
    expect(suspended.body).toMatchObject({ status: 'SUSPENDED', statusReason: 'Investigating anomalous activity' });
    expect((await me()).body.error.code).toBe('agent_suspended');
    expect((await viaHeader()).body.error.code).toBe('agent_suspended');
    expect((await http('POST', `/v1/agents/${svc.id}/suspend`, { headers: owner })).status).toBe(200);
    const reactivated = await http('POST', `/v1/agents/${svc.id}/reactivate`, { headers: owner });
    expect(reactivated.body.status).toBe('ACTIVE');
    expect((await me()).status).toBe(200);
    const revoked = await http('POST', `/v1/agents/${svc.id}/revoke`, {
      headers: owner,
      body: { reason: 'Agent decommissioned' },
    });
    expect(revoked.body).toMatchObject({ status: 'REVOKED', authMode: 'partner_key_header', keyPrefix: null });
    const after = await me();
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthorized');
    // By external id the agent is still found, so the answer can say why.
    expect((await viaHeader()).body.error.code).toBe('agent_revoked');
    const again = await http('POST', `/v1/agents/${svc.id}/reactivate`, { headers: owner });
    expect(again.status).toBe(409);
    expect((await http('POST', `/v1/agents/${svc.id}/suspend`, { headers: owner })).status).toBe(409);
    expect((await http('POST', `/v1/agents/${svc.id}/revoke`, { headers: owner })).status).toBe(200);
  });
});
