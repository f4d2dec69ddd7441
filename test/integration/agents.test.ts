import fc from 'fast-check';
import { AI_BOT, createAgent, issueKey } from '../helpers/agents';
import { testSql } from '../helpers/db';
import { keyHeaders } from '../helpers/events';
import { agentInputArb, guardrailsAllow } from '../helpers/guardrails';
import { createOrg, http } from '../helpers/http';
import { describePartnerKeySecurity } from '../helpers/security';

const sql = testSql();
afterAll(() => sql.end());

const post = (key: string, body: unknown) => http('POST', '/v1/agents', { headers: keyHeaders(key), body });

describe('POST /v1/agents', () => {
  it('answers the documented body with a key shown once, stored only as a hash', async () => {
    const org = await createOrg();
    const res = await post(org.apiKey, AI_BOT);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^agent_/),
      name: 'Checkout Bot',
      type: 'AI_AGENT',
      description: null,
      status: 'ACTIVE',
      preset: 'event_emitter',
      permissions: ['events:write'],
      allowedEventTypes: ['transaction.completed', 'transaction.refunded'],
      allowedEventPatterns: ['review.*'],
      requireIdempotency: true,
      maxBulkItems: 25,
      rateLimitPerMinute: 100,
      agentExternalId: null,
      createdAt: expect.any(String),
      apiKey: expect.stringMatching(/^mir_agent_[A-Za-z0-9]{40,}$/),
      message: 'Save this API key now. It cannot be retrieved again.',
    });
    const stored = JSON.stringify(await sql`select * from agents where id = ${res.body.id}`);
    expect(stored).not.toContain(res.body.apiKey);
    const me = await http('GET', '/v1/agents/me', { headers: keyHeaders(res.body.apiKey) });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      id: res.body.id,
      authMode: 'agent_key',
      spawnDepth: 0,
      membershipSource: 'CREATED',
    });
  });

  it('resolves explicit permissions, stores mir.-prefixed allowlists normalised, and can skip the key', async () => {
    const org = await createOrg();
    const res = await post(org.apiKey, {
      name: 'Sync',
      type: 'SERVICE_ACCOUNT',
      permissions: ['events:read', 'events:write'],
      allowedEventTypes: ['mir.transaction.completed'],
      agentExternalId: 'sync-1',
      generateKey: false,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      preset: null,
      permissions: ['events:write', 'events:read'],
      allowedEventTypes: ['transaction.completed'],
      requireIdempotency: false,
      maxBulkItems: null,
      apiKey: null,
    });
    const listed = await http('GET', '/v1/agents', { headers: keyHeaders(org.apiKey) });
    expect(listed.body.agents).toEqual([
      {
        id: res.body.id,
        name: 'Sync',
        type: 'SERVICE_ACCOUNT',
        status: 'ACTIVE',
        permissions: ['events:write', 'events:read'],
        authMode: 'partner_key_header',
        lastUsedAt: null,
      },
    ]);
  });

  it.each([
    ['a name over 100 characters', { ...AI_BOT, name: 'x'.repeat(101) }, 'name'],
    ['an unknown type', { ...AI_BOT, type: 'ROBOT' }, 'type'],
    ['an unknown preset', { ...AI_BOT, preset: 'root' }, 'preset'],
    ['an unknown permission', { name: 'a', type: 'SERVICE_ACCOUNT', permissions: ['events:delete'] }, 'permissions.0'],
    ['a leading wildcard pattern', { ...AI_BOT, allowedEventPatterns: ['*.posted'] }, 'allowedEventPatterns.0'],
    ['a pattern without wildcard', { ...AI_BOT, allowedEventPatterns: ['review.posted'] }, 'allowedEventPatterns.0'],
    ['a malformed event type', { ...AI_BOT, allowedEventTypes: ['Review'] }, 'allowedEventTypes.0'],
    ['rateLimitPerMinute 0', { ...AI_BOT, rateLimitPerMinute: 0 }, 'rateLimitPerMinute'],
    ['rateLimitPerMinute 10,001', { ...AI_BOT, rateLimitPerMinute: 10_001 }, 'rateLimitPerMinute'],
    ['an agentExternalId over 100', { ...AI_BOT, agentExternalId: 'x'.repeat(101) }, 'agentExternalId'],
    ['an unknown field', { ...AI_BOT, score: 1 }, ''],
  ])('400 validation_failed for %s, creating nothing', async (_label, body, field) => {
    const org = await createOrg();
    const res = await post(org.apiKey, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.map((d: any) => d.path)).toContain(field);
    expect((await sql`select count(*)::int as n from agents where organization_id = ${org.id}`)[0]!.n).toBe(0);
  });

  it.each([
    [
      'the admin preset for an AI_AGENT',
      { name: 'a', type: 'AI_AGENT', preset: 'admin', allowedEventTypes: ['a.b'] },
      'preset',
    ],
    ['an AI_AGENT without allowlist', { name: 'a', type: 'AI_AGENT', preset: 'event_emitter' }, 'allowedEventTypes'],
    ['an AI_AGENT bulk cap above 25', { ...AI_BOT, maxBulkItems: 26 }, 'maxBulkItems'],
    ['both preset and permissions', { ...AI_BOT, permissions: ['events:write'] }, 'permissions'],
    ['neither preset nor permissions', { name: 'a', type: 'SERVICE_ACCOUNT' }, 'preset'],
    [
      'no key and no external id',
      { name: 'a', type: 'SERVICE_ACCOUNT', preset: 'reconciler', generateKey: false },
      'generateKey',
    ],
  ])('400 guardrail_violation for %s', async (_label, body, field) => {
    const org = await createOrg();
    const res = await post(org.apiKey, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('guardrail_violation');
    expect(res.body.error.details.map((d: any) => d.field)).toContain(field);
  });

  it('accepts any combination over HTTP exactly when the guardrails allow it', async () => {
    const org = await createOrg();
    await fc.assert(
      fc.asyncProperty(agentInputArb, async (input) => {
        const res = await post(org.apiKey, { name: 'prop', ...input });
        expect(res.status).toBe(guardrailsAllow(input) ? 201 : 400);
      }),
      { numRuns: 40 },
    );
  });

  it('409 for an agentExternalId already used in the organisation, fine in another one', async () => {
    const a = await createOrg();
    const b = await createOrg();
    await createAgent(a.apiKey, { ...AI_BOT, agentExternalId: 'bot-1' });
    const again = await post(a.apiKey, { ...AI_BOT, agentExternalId: 'bot-1' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('agent_external_id_taken');
    expect((await post(b.apiKey, { ...AI_BOT, agentExternalId: 'bot-1' })).status).toBe(201);
  });

  it('403 plan_required on the standard plan; 403 role_required for MEMBER, ANALYST and agent keys', async () => {
    const standard = await createOrg('Std', 'standard');
    const std = await post(standard.apiKey, AI_BOT);
    expect(std.status).toBe(403);
    expect(std.body.error.code).toBe('plan_required');
    const org = await createOrg();
    for (const role of ['MEMBER', 'ANALYST'] as const) {
      const res = await post(await issueKey(org.id, role), AI_BOT);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('role_required');
    }
    expect((await post(await issueKey(org.id, 'ADMIN'), AI_BOT)).status).toBe(201);
    const agent = await createAgent(org.apiKey, { name: 'full', type: 'SERVICE_ACCOUNT', preset: 'admin' });
    const byAgent = await http('POST', '/v1/agents', {
      headers: keyHeaders(agent.apiKey, { 'Idempotency-Key': 'a1' }),
      body: AI_BOT,
    });
    expect(byAgent.body.error.code).toBe('role_required');
  });

  describePartnerKeySecurity('POST', '/v1/agents', AI_BOT);
});

describe('GET /v1/agents, /v1/agents/:id, /v1/agents/me', () => {
  it('lists newest first, hides revoked agents unless includeRevoked=true', async () => {
    const org = await createOrg();
    const first = await createAgent(org.apiKey);
    const second = await createAgent(org.apiKey, { ...AI_BOT, name: 'Second' });
    await http('POST', `/v1/agents/${first.id}/revoke`, { headers: keyHeaders(org.apiKey), body: { reason: 'done' } });
    const active = await http('GET', '/v1/agents', { headers: keyHeaders(org.apiKey) });
    expect(active.body.agents.map((a: any) => a.id)).toEqual([second.id]);
    const all = await http('GET', '/v1/agents?includeRevoked=true', { headers: keyHeaders(org.apiKey) });
    expect(all.body.agents.map((a: any) => [a.id, a.status])).toEqual([
      [second.id, 'ACTIVE'],
      [first.id, 'REVOKED'],
    ]);
    expect((await http('GET', '/v1/agents?includeRevoked=yes', { headers: keyHeaders(org.apiKey) })).status).toBe(400);
  });

  it('404 agent_not_found for another organisation’s agent, on every agent route', async () => {
    const a = await createOrg();
    const b = await createOrg();
    const agent = await createAgent(a.apiKey);
    const h = { headers: keyHeaders(b.apiKey) };
    expect((await http('GET', `/v1/agents/${agent.id}`, h)).body.error.code).toBe('agent_not_found');
    expect((await http('PATCH', `/v1/agents/${agent.id}`, { ...h, body: { name: 'stolen' } })).status).toBe(404);
    for (const action of ['suspend', 'reactivate', 'revoke']) {
      expect((await http('POST', `/v1/agents/${agent.id}/${action}`, h)).status).toBe(404);
    }
    expect((await http('GET', `/v1/agents/${agent.id}`, { headers: keyHeaders(a.apiKey) })).body.name).toBe(
      'Checkout Bot',
    );
  });

  it('/me answers only to an agent key', async () => {
    const org = await createOrg();
    const res = await http('GET', '/v1/agents/me', { headers: keyHeaders(org.apiKey) });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('agent_key_required');
  });
});

describe('PATCH /v1/agents/:id', () => {
  it('updates the documented fields and re-checks the guardrails on the result', async () => {
    const org = await createOrg();
    const agent = await createAgent(org.apiKey);
    const path = `/v1/agents/${agent.id}`;
    const ok = await http('PATCH', path, {
      headers: keyHeaders(org.apiKey),
      body: {
        permissions: ['events:write', 'events:read'],
        allowedEventTypes: ['transaction.completed'],
        rateLimitPerMinute: 200,
      },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      preset: null,
      permissions: ['events:write', 'events:read'],
      allowedEventTypes: ['transaction.completed'],
      allowedEventPatterns: ['review.*'],
      rateLimitPerMinute: 200,
      requireIdempotency: true,
    });
    const emptied = await http('PATCH', path, {
      headers: keyHeaders(org.apiKey),
      body: { allowedEventTypes: [], allowedEventPatterns: [] },
    });
    expect(emptied.status).toBe(400);
    expect(emptied.body.error.code).toBe('guardrail_violation');
    const admin = await http('PATCH', path, { headers: keyHeaders(org.apiKey), body: { preset: 'admin' } });
    expect(admin.body.error.code).toBe('guardrail_violation');
    const bulk = await http('PATCH', path, { headers: keyHeaders(org.apiKey), body: { maxBulkItems: 100 } });
    expect(bulk.body.error.code).toBe('guardrail_violation');
    const after = await http('GET', path, { headers: keyHeaders(org.apiKey) });
    expect(after.body).toMatchObject({ permissions: ['events:write', 'events:read'], maxBulkItems: 25 });
    expect((await http('PATCH', path, { headers: keyHeaders(org.apiKey), body: {} })).status).toBe(400);
    expect(
      (await http('PATCH', path, { headers: keyHeaders(org.apiKey), body: { type: 'SERVICE_ACCOUNT' } })).status,
    ).toBe(400);
  });

  it('409 invalid_state for a revoked agent', async () => {
    const org = await createOrg();
    const agent = await createAgent(org.apiKey);
    await http('POST', `/v1/agents/${agent.id}/revoke`, { headers: keyHeaders(org.apiKey) });
    const res = await http('PATCH', `/v1/agents/${agent.id}`, {
      headers: keyHeaders(org.apiKey),
      body: { name: 'zombie' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('invalid_state');
  });
});
