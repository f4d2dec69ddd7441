import { createAgent, issueKey } from '../helpers/agents';
import { testSql } from '../helpers/db';
import { keyHeaders } from '../helpers/events';
import { createOrg, http } from '../helpers/http';
import { describePartnerKeySecurity } from '../helpers/security';

const sqlClient = testSql();
afterAll(() => sqlClient.end());

const BOT = { name: 'Bot', type: 'SERVICE_ACCOUNT', preset: 'reconciler' };

const readAudit = (apiKey: string, query = '', headers: Record<string, string> = {}) =>
  http('GET', `/v1/audit${query}`, { headers: keyHeaders(apiKey, headers) });

async function listAll(apiKey: string, query = '', limit = 100) {
  const seen: any[] = [];
  let cursor: string | null = null;
  do {
    const q: string = `?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await readAudit(apiKey, q);
    expect(res.status).toBe(200);
    expect(res.body.entries.length).toBeLessThanOrEqual(limit);
    seen.push(...res.body.entries);
    cursor = res.body.nextCursor;
  } while (cursor);
  return seen;
}

async function ownerKeyId(organizationId: string): Promise<string> {
  const rows = await sqlClient<{ id: string }[]>`select id from api_keys where organization_id = ${organizationId}`;
  expect(rows).toHaveLength(1);
  return rows[0]!.id;
}

async function auditCount(organizationId: string): Promise<number> {
  const [row] = await sqlClient<{ n: number }[]>`
    select count(*)::int as n from audit_log where organization_id = ${organizationId}`;
  return row!.n;
}

const act = async (apiKey: string, method: string, path: string, body?: unknown, expected = 200) => {
  const res = await http(method, path, { headers: keyHeaders(apiKey), body });
  expect({ path, status: res.status, body: res.body }).toEqual(expect.objectContaining({ status: expected }));
  return res;
};

describePartnerKeySecurity('GET', '/v1/audit');

describe('GET /v1/audit: one entry per change', () => {
  it('create, patch, suspend, reactivate, revoke and settings each write exactly one entry', async () => {
    const org = await createOrg();
    const keyId = await ownerKeyId(org.id);
    const actor = { type: 'api_key', id: keyId };
    const agent = await createAgent(org.apiKey, BOT);
    const target = { type: 'agent', id: agent.id };
    const patched = await act(org.apiKey, 'PATCH', `/v1/agents/${agent.id}`, { name: 'New' });
    await act(org.apiKey, 'POST', `/v1/agents/${agent.id}/suspend`, { reason: 'investigating' });
    await act(org.apiKey, 'POST', `/v1/agents/${agent.id}/reactivate`);
    await act(org.apiKey, 'POST', `/v1/agents/${agent.id}/revoke`, { reason: 'retired' });
    await act(org.apiKey, 'PATCH', '/portal/api/settings', { agentRateLimitPerMinute: 600 });

    const res = await readAudit(org.apiKey, '?limit=100');
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    const entries: any[] = res.body.entries;
    expect(entries.map((e) => e.action)).toEqual([
      'settings.updated',
      'agent.revoked',
      'agent.reactivated',
      'agent.suspended',
      'agent.updated',
      'agent.created',
      // Both written by the organization's creation, in one transaction.
      ...(entries[6]?.action === 'organization.created'
        ? ['organization.created', 'api_key.created']
        : ['api_key.created', 'organization.created']),
    ]);
    const [settings, revoked, reactivated, suspended, updated, created] = entries;
    for (const e of entries) {
      expect(e).toEqual({
        id: expect.stringMatching(/^aud_/),
        action: expect.any(String),
        actor: expect.any(Object),
        target: expect.any(Object),
        reason: e.reason === null ? null : expect.any(String),
        before: e.before === null ? null : expect.any(Object),
        after: e.after === null ? null : expect.any(Object),
        requestId: expect.any(String),
        createdAt: new Date(e.createdAt).toISOString(),
      });
    }
    const times = entries.map((e) => Date.parse(e.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    expect(created).toMatchObject({ actor, target, reason: null, before: null });
    expect(created.after).toMatchObject({
      id: agent.id,
      name: 'Bot',
      type: 'SERVICE_ACCOUNT',
      status: 'ACTIVE',
      permissions: agent.permissions,
    });
    expect(created.after).not.toHaveProperty('keyHash');

    expect(updated).toMatchObject({ actor, target, reason: null, before: { name: 'Bot' }, after: { name: 'New' } });
    expect(updated.requestId).toBe(patched.headers.get('x-request-id'));

    expect(suspended).toMatchObject({ actor, target, reason: 'investigating' });
    expect(suspended.before).toEqual({ status: 'ACTIVE', statusReason: null, suspendedAt: null });
    expect(suspended.after).toEqual({
      status: 'SUSPENDED',
      statusReason: 'investigating',
      suspendedAt: expect.any(String),
    });

    expect(reactivated).toMatchObject({ actor, target, reason: null });
    expect(reactivated.before).toEqual({
      status: 'SUSPENDED',
      statusReason: 'investigating',
      suspendedAt: suspended.after.suspendedAt,
    });
    expect(reactivated.after).toEqual({ status: 'ACTIVE', statusReason: null, suspendedAt: null });

    expect(revoked).toMatchObject({ actor, target, reason: 'retired' });
    // Revocation also clears the key's display prefix; the key hash itself never reaches the log.
    expect(revoked.before).toEqual({
      status: 'ACTIVE',
      statusReason: null,
      keyPrefix: expect.any(String),
      revokedAt: null,
    });
    expect(agent.apiKey.startsWith(revoked.before.keyPrefix)).toBe(true);
    expect(revoked.after).toEqual({
      status: 'REVOKED',
      statusReason: 'retired',
      keyPrefix: null,
      revokedAt: expect.any(String),
    });

    expect(settings).toEqual({
      id: expect.any(String),
      action: 'settings.updated',
      actor,
      target: { type: 'organization', id: org.id },
      reason: null,
      before: { agentRateLimitPerMinute: null },
      after: { agentRateLimitPerMinute: 600 },
      requestId: expect.any(String),
      createdAt: expect.any(String),
    });

    expect(JSON.stringify(entries)).not.toMatch(/keyHash|key_hash/);
    expect(JSON.stringify(entries)).not.toContain(agent.apiKey);
    // The API shows every row there is: nothing hidden, nothing doubled.
    expect(await auditCount(org.id)).toBe(entries.length);
  });

  it('a partner key acting as an agent (x-mir-agent-id) is recorded as that agent', async () => {
    const org = await createOrg();
    const ops = await createAgent(org.apiKey, {
      name: 'Ops',
      type: 'SERVICE_ACCOUNT',
      preset: 'admin',
      agentExternalId: 'ops',
      generateKey: false,
    });
    const bot = await createAgent(org.apiKey, BOT);
    const asOps = { 'x-mir-agent-id': 'ops' };
    const res = await http('PATCH', `/v1/agents/${bot.id}`, {
      headers: keyHeaders(org.apiKey, asOps),
      body: { name: 'New' },
    });
    expect(res.status).toBe(200);
    const listed = await readAudit(org.apiKey, '?actorType=agent', asOps);
    expect(listed.status).toBe(200);
    expect(listed.body.entries).toEqual([
      expect.objectContaining({
        action: 'agent.updated',
        actor: { type: 'agent', id: ops.id },
        target: { type: 'agent', id: bot.id },
        before: { name: 'Bot' },
        after: { name: 'New' },
      }),
    ]);
  });

  it('a rejected or repeated change writes no entry', async () => {
    const org = await createOrg();
    const agent = await createAgent(org.apiKey, BOT);
    const start = await auditCount(org.id);
    await act(org.apiKey, 'PATCH', `/v1/agents/${agent.id}`, { bogus: 1 }, 400);
    await act(org.apiKey, 'PATCH', `/v1/agents/${agent.id}`, { name: '' }, 400);
    await act(org.apiKey, 'PATCH', '/portal/api/settings', { enforceAgentAuth: 'yes' }, 400);
    await act(org.apiKey, 'POST', `/v1/agents/agent_nope/suspend`, { reason: 'x' }, 404);
    expect(await auditCount(org.id)).toBe(start);

    await act(org.apiKey, 'POST', `/v1/agents/${agent.id}/suspend`, { reason: 'first' });
    await act(org.apiKey, 'POST', `/v1/agents/${agent.id}/suspend`, { reason: 'again' }); // already suspended
    await act(org.apiKey, 'PATCH', '/portal/api/settings', { agentRateLimitPerMinute: 50 });
    await act(org.apiKey, 'PATCH', '/portal/api/settings', { agentRateLimitPerMinute: 50 }); // unchanged
    expect(await auditCount(org.id)).toBe(start + 2);

    await act(org.apiKey, 'POST', `/v1/agents/${agent.id}/revoke`, { reason: 'done' });
    await act(org.apiKey, 'POST', `/v1/agents/${agent.id}/suspend`, { reason: 'late' }, 409);
    await act(org.apiKey, 'POST', `/v1/agents/${agent.id}/reactivate`, undefined, 409);
    await act(org.apiKey, 'PATCH', `/v1/agents/${agent.id}`, { name: 'Zombie' }, 409);
    await act(org.apiKey, 'POST', `/v1/agents/${agent.id}/revoke`, { reason: 'again' }); // already revoked
    expect(await auditCount(org.id)).toBe(start + 3);

    const entries = await listAll(org.apiKey, `&targetId=${agent.id}`);
    expect(entries.map((e) => [e.action, e.reason])).toEqual([
      ['agent.revoked', 'done'],
      ['agent.suspended', 'first'],
      ['agent.created', null],
    ]);
  });
});

describe('GET /v1/audit: filters and pages', () => {
  let org: Awaited<ReturnType<typeof createOrg>>;
  let a: { id: string };
  let b: { id: string };
  let all: any[];

  beforeAll(async () => {
    org = await createOrg();
    a = await createAgent(org.apiKey, BOT);
    b = await createAgent(org.apiKey, { ...BOT, name: 'Other' });
    await act(org.apiKey, 'PATCH', `/v1/agents/${a.id}`, { name: 'A2' });
    await act(org.apiKey, 'POST', `/v1/agents/${b.id}/suspend`, { reason: 'noisy' });
    await act(org.apiKey, 'PATCH', '/portal/api/settings', { agentRateLimitPerMinute: 70 });
    all = (await readAudit(org.apiKey, '?limit=100')).body.entries;
    expect(all).toHaveLength(7);
  });

  const actionsOf = (entries: any[]) => entries.map((e) => e.action);

  it('defaults to 20 entries per page', async () => {
    const res = await readAudit(org.apiKey);
    expect(res.status).toBe(200);
    expect(res.body.entries).toEqual(all);
    expect(res.body.nextCursor).toBeNull();
  });

  it('filters by targetId', async () => {
    expect(actionsOf(await listAll(org.apiKey, `&targetId=${a.id}`))).toEqual(['agent.updated', 'agent.created']);
    expect(await listAll(org.apiKey, '&targetId=agent_unknown')).toEqual([]);
  });

  it('filters by actorType', async () => {
    const byKey = await listAll(org.apiKey, '&actorType=api_key');
    expect(byKey).toEqual(all.filter((e) => e.actor.type === 'api_key'));
    expect(actionsOf(byKey)).toEqual([
      'settings.updated',
      'agent.suspended',
      'agent.updated',
      'agent.created',
      'agent.created',
    ]);
    expect(actionsOf(await listAll(org.apiKey, '&actorType=admin')).sort()).toEqual([
      'api_key.created',
      'organization.created',
    ]);
    expect(await listAll(org.apiKey, '&actorType=agent')).toEqual([]);
  });

  it('filters by exact action and by a trailing-* prefix, with LIKE wildcards taken literally', async () => {
    const suspended = await listAll(org.apiKey, '&action=agent.suspended');
    expect(suspended).toEqual([expect.objectContaining({ target: { type: 'agent', id: b.id }, reason: 'noisy' })]);
    expect(await listAll(org.apiKey, '&action=agent.')).toEqual([]);
    expect(actionsOf(await listAll(org.apiKey, '&action=agent.*'))).toEqual([
      'agent.suspended',
      'agent.updated',
      'agent.created',
      'agent.created',
    ]);
    expect(actionsOf(await listAll(org.apiKey, '&action=api_key.*'))).toEqual(['api_key.created']);
    expect(await listAll(org.apiKey, '&action=agent_*')).toEqual([]);
    expect(await listAll(org.apiKey, `&action=${encodeURIComponent('%.*')}`)).toEqual([]);
    expect(await listAll(org.apiKey, `&action=${encodeURIComponent('agent%')}`)).toEqual([]);
    expect(actionsOf(await listAll(org.apiKey, `&action=agent.*&targetId=${a.id}`))).toEqual([
      'agent.updated',
      'agent.created',
    ]);
  });

  it('filters by from (inclusive) and to (exclusive)', async () => {
    const [, suspended, updated] = all; // settings.updated, agent.suspended, agent.updated, …
    const q = (params: Record<string, string>) => `&${new URLSearchParams(params)}`;
    expect(await listAll(org.apiKey, q({ from: updated.createdAt }))).toEqual(all.slice(0, 3));
    expect(await listAll(org.apiKey, q({ to: updated.createdAt }))).toEqual(all.slice(3));
    expect(await listAll(org.apiKey, q({ from: updated.createdAt, to: suspended.createdAt }))).toEqual([updated]);
    const offset = updated.createdAt.replace('Z', '+00:00');
    expect(await listAll(org.apiKey, q({ from: offset, action: 'agent.*' }))).toEqual([suspended, updated]);
    expect(await listAll(org.apiKey, q({ from: new Date(Date.now() + 60_000).toISOString() }))).toEqual([]);
  });

  it.each([1, 2, 3])('pages of %i walk every entry exactly once, in order', async (limit) => {
    const walked = await listAll(org.apiKey, '', limit);
    expect(walked.map((e) => e.id)).toEqual(all.map((e) => e.id));
  });

  it('pages combine with filters', async () => {
    const walked = await listAll(org.apiKey, '&action=agent.*', 1);
    expect(actionsOf(walked)).toEqual(['agent.suspended', 'agent.updated', 'agent.created', 'agent.created']);
    expect(new Set(walked.map((e) => e.id)).size).toBe(4);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=abc', 'limit'],
    ['cursor=not-a-cursor', 'cursor'],
    ['actorType=robot', 'actorType'],
    ['action=*', 'action'],
    ['action=agent.*.x', 'action'],
    ['action=a*b', 'action'],
    ['targetId=', 'targetId'],
    ['from=yesterday', 'from'],
    ['to=2024-01-01T00:00:00', 'to'],
    ['targetId=a&targetId=b', 'targetId'],
    ['foo=1', ''],
  ])('400 validation_failed for %s', async (query, path) => {
    const res = await readAudit(org.apiKey, `?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details[0]).toMatchObject({ in: 'query', path });
  });

  it("another organization sees none of this one's entries, even with its cursor", async () => {
    const other = await createOrg();
    const theirs = await listAll(other.apiKey);
    expect(actionsOf(theirs).sort()).toEqual(['api_key.created', 'organization.created']);
    expect(theirs.some((e) => all.some((mine) => mine.id === e.id))).toBe(false);
    expect(await listAll(other.apiKey, `&targetId=${a.id}`)).toEqual([]);
    const page = await readAudit(org.apiKey, '?limit=1');
    const withMyCursor = await readAudit(other.apiKey, `?cursor=${encodeURIComponent(page.body.nextCursor)}`);
    expect(withMyCursor.status).toBe(200);
    expect(withMyCursor.body.entries.every((e: any) => !all.some((mine) => mine.id === e.id))).toBe(true);
  });
});

describe('GET /v1/audit: access', () => {
  it('403 permission_denied for an agent key without audit:read', async () => {
    const org = await createOrg();
    const emitter = await createAgent(org.apiKey, { name: 'E', type: 'SERVICE_ACCOUNT', preset: 'event_emitter' });
    const res = await readAudit(emitter.apiKey);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('permission_denied');
    expect(res.body.error.details).toEqual({ missing: 'audit:read' });
  });

  it('200 for an agent key holding audit:read, and for ANALYST and MEMBER partner keys', async () => {
    const org = await createOrg();
    const auditor = await createAgent(org.apiKey, {
      name: 'Aud',
      type: 'SERVICE_ACCOUNT',
      permissions: ['audit:read'],
    });
    const analyst = await issueKey(org.id, 'ANALYST');
    const member = await issueKey(org.id, 'MEMBER');
    const expected = (await readAudit(org.apiKey)).body.entries;
    expect(expected.length).toBeGreaterThan(0);
    for (const key of [auditor.apiKey, analyst, member]) {
      const res = await readAudit(key);
      expect(res.status).toBe(200);
      expect(res.body.entries).toEqual(expected);
    }
  });

  it('is not limited to the enterprise plan', async () => {
    const org = await createOrg(undefined, 'standard');
    const res = await readAudit(org.apiKey);
    expect(res.status).toBe(200);
    expect(res.body.entries.map((e: any) => e.action).sort()).toEqual(['api_key.created', 'organization.created']);
  });
});
