import { createAgent, issueKey } from '../helpers/agents';
import { testSql } from '../helpers/db';
import { keyHeaders } from '../helpers/events';
import { adminHeaders, createOrg, http } from '../helpers/http';
import { describeAdminSecurity, describePartnerKeySecurity } from '../helpers/security';
import { eventually } from '../helpers/temporal';
import { WebhookReceiver, verifyWith } from '../helpers/webhook-receiver';

jest.setTimeout(120_000);

const sql = testSql();
const receiver = new WebhookReceiver();
let url: string;
beforeAll(async () => {
  url = await receiver.start();
});
afterAll(async () => {
  await receiver.stop();
  await sql.end();
});

const call = (key: string, method: string, path: string, body?: unknown) =>
  http(method, path, { headers: keyHeaders(key), body });

async function register(key: string, extra: Record<string, unknown> = {}) {
  const res = await call(key, 'POST', '/v1/webhooks', { url, eventTypes: ['*'], ...extra });
  if (res.status !== 201) throw new Error(`registering failed: ${res.status} ${res.text}`);
  return res.body as { id: string; secret: string } & Record<string, any>;
}

async function sendTest(key: string, webhookId: string) {
  const res = await call(key, 'POST', `/v1/webhooks/${webhookId}/test`);
  expect(res.status).toBe(202);
  return res.body as { deliveryId: string; messageId: string; workflowId: string };
}

async function deliveryOf(key: string, webhookId: string, deliveryId: string, until: (d: any) => boolean) {
  return eventually(async () => {
    const res = await call(key, 'GET', `/v1/webhooks/${webhookId}/deliveries?limit=100`);
    const d = res.body.deliveries?.find((x: any) => x.id === deliveryId);
    return d && until(d) ? d : undefined;
  }, 60_000);
}

describePartnerKeySecurity('GET', '/v1/webhooks');
describeAdminSecurity('GET', '/admin/webhooks/outbox');

describe('webhook endpoints', () => {
  it('registers with a whsec_ secret shown once; lists, reads, changes and deletes, each audited', async () => {
    const org = await createOrg();
    const created = await register(org.apiKey, { eventTypes: ['agent.created', 'link.confirmed'], description: 'CRM' });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created).toMatchObject({ url, enabled: true, eventTypes: ['agent.created', 'link.confirmed'] });
    const got = await call(org.apiKey, 'GET', `/v1/webhooks/${created.id}`);
    expect(got.status).toBe(200);
    expect(got.body.secret).toBeUndefined();
    expect(got.text).not.toContain(created.secret.slice(6));
    const [row] = await sql`select secret_ciphertext from webhook_endpoints where id = ${created.id}`;
    expect(row!.secret_ciphertext).not.toContain(created.secret.slice(6, 20));
    const list = await call(org.apiKey, 'GET', '/v1/webhooks?limit=1');
    expect(list.body.webhooks.map((w: any) => w.id)).toEqual([created.id]);
    const patched = await call(org.apiKey, 'PATCH', `/v1/webhooks/${created.id}`, {
      eventTypes: ['*'],
      enabled: false,
    });
    expect(patched.body).toMatchObject({
      eventTypes: ['*'],
      enabled: false,
      disabledReason: 'disabled by the organization',
    });
    const deleted = await call(org.apiKey, 'DELETE', `/v1/webhooks/${created.id}`);
    expect(deleted.body).toEqual({ id: created.id, deleted: true });
    expect((await call(org.apiKey, 'GET', `/v1/webhooks/${created.id}`)).status).toBe(404);
    const audit = await call(org.apiKey, 'GET', '/v1/audit?action=webhook.*&limit=10');
    expect(audit.body.entries.map((e: any) => e.action).sort()).toEqual([
      'webhook.created',
      'webhook.deleted',
      'webhook.updated',
    ]);
    expect(JSON.stringify(audit.body)).not.toContain(created.secret.slice(6));
  });

  it('refuses bad input with 400 and stores nothing', async () => {
    const org = await createOrg();
    for (const body of [
      { url: 'ftp://example.com/x', eventTypes: ['*'] },
      { url, eventTypes: [] },
      { url, eventTypes: ['agent.exploded'] },
      { url, eventTypes: ['*'], secret: 'mine' },
      { eventTypes: ['*'] },
    ]) {
      const res = await call(org.apiKey, 'POST', '/v1/webhooks', body);
      expect([res.status, res.body.error.code]).toEqual([400, 'validation_failed']);
    }
    const unresolvable = await call(org.apiKey, 'POST', '/v1/webhooks', {
      url: 'http://no-such-host.invalid/x',
      eventTypes: ['*'],
    });
    expect([unresolvable.status, unresolvable.body.error.code]).toEqual([422, 'webhook_url_refused']);
    expect((await call(org.apiKey, 'GET', '/v1/webhooks')).body.webhooks).toEqual([]);
  });

  it('needs webhooks:manage: ANALYST and MEMBER keys are refused, an agent holding it may, one without may not', async () => {
    const org = await createOrg();
    for (const role of ['ANALYST', 'MEMBER'] as const) {
      const res = await call(await issueKey(org.id, role), 'POST', '/v1/webhooks', { url, eventTypes: ['*'] });
      expect([res.status, res.body.error.code]).toEqual([403, 'permission_denied']);
    }
    const admin = await issueKey(org.id, 'ADMIN');
    expect((await call(admin, 'GET', '/v1/webhooks')).status).toBe(200);
    const manager = await createAgent(org.apiKey, {
      name: 'Hooks',
      type: 'SERVICE_ACCOUNT',
      permissions: ['webhooks:manage'],
    });
    const other = await createAgent(org.apiKey, { name: 'Emitter', type: 'SERVICE_ACCOUNT', preset: 'event_emitter' });
    expect((await call(manager.apiKey, 'POST', '/v1/webhooks', { url, eventTypes: ['*'] })).status).toBe(201);
    const refused = await call(other.apiKey, 'GET', '/v1/webhooks');
    expect([refused.status, refused.body.error.code]).toEqual([403, 'permission_denied']);
  });

  it("another organisation's endpoint is 404 for every operation", async () => {
    const [a, b] = [await createOrg(), await createOrg()];
    const hook = await register(a.apiKey);
    for (const [method, path] of [
      ['GET', `/v1/webhooks/${hook.id}`],
      ['PATCH', `/v1/webhooks/${hook.id}`],
      ['DELETE', `/v1/webhooks/${hook.id}`],
      ['POST', `/v1/webhooks/${hook.id}/secret/rotate`],
      ['POST', `/v1/webhooks/${hook.id}/test`],
      ['GET', `/v1/webhooks/${hook.id}/deliveries`],
    ] as const) {
      const res = await call(b.apiKey, method, path, method === 'PATCH' ? { enabled: false } : undefined);
      expect([method, path, res.status, res.body.error.code]).toEqual([method, path, 404, 'webhook_not_found']);
    }
    expect((await call(a.apiKey, 'GET', `/v1/webhooks/${hook.id}`)).body.enabled).toBe(true);
  });
});

describe('webhook delivery', () => {
  it('signs per Standard Webhooks: the standardwebhooks package verifies it, and the log shows the attempt', async () => {
    const org = await createOrg();
    const hook = await register(org.apiKey);
    const sent = await sendTest(org.apiKey, hook.id);
    const got = await receiver.waitFor('webhook.test', (r) => r.json.data.webhookId === hook.id);
    expect(got.headers['webhook-id']).toBe(sent.messageId);
    expect(verifyWith(hook.secret, got)).toMatchObject({ type: 'webhook.test', data: { webhookId: hook.id } });
    expect(() => verifyWith(`whsec_${Buffer.alloc(32, 7).toString('base64')}`, got)).toThrow(/signature/i);
    expect(Object.keys(got.json)).toEqual(['type', 'timestamp', 'data']);
    const d = await deliveryOf(org.apiKey, hook.id, sent.deliveryId, (x) => x.status === 'SUCCEEDED');
    expect(d.attempts).toHaveLength(1);
    expect(d.attempts[0]).toMatchObject({ attempt: 1, succeeded: true, httpStatus: 204 });
    expect(d.workflowId).toBe(`webhook-delivery:${sent.deliveryId}`);
  });

  it('fails three times, then succeeds: four attempts, one success, one message', async () => {
    const org = await createOrg();
    const hook = await register(org.apiKey);
    const mine = (body: string) => body.includes(hook.id);
    let seen = 0;
    receiver.respond = (_n, body) => (mine(body) ? (++seen <= 3 ? 500 : 200) : 204);
    try {
      const sent = await sendTest(org.apiKey, hook.id);
      const d = await deliveryOf(org.apiKey, hook.id, sent.deliveryId, (x) => x.status !== 'PENDING');
      expect(d.status).toBe('SUCCEEDED');
      expect(d.attempts.map((a: any) => [a.attempt, a.httpStatus, a.succeeded])).toEqual([
        [1, 500, false],
        [2, 500, false],
        [3, 500, false],
        [4, 200, true],
      ]);
      expect(d.attempts[0].responseBody).toHaveLength(4096);
      const posts = receiver.received.filter((r) => mine(r.body));
      expect(posts).toHaveLength(4);
      expect(new Set(posts.map((p) => p.headers['webhook-id']))).toEqual(new Set([sent.messageId]));
      expect((await call(org.apiKey, 'GET', `/v1/webhooks/${hook.id}`)).body.failingSince).toBeNull();
    } finally {
      receiver.respond = () => 204;
    }
  });

  it('410 Gone disables the endpoint at once, and GET /v1/webhooks says why', async () => {
    const org = await createOrg();
    const hook = await register(org.apiKey);
    receiver.respond = (_n, body) => (body.includes(hook.id) ? 410 : 204);
    try {
      const sent = await sendTest(org.apiKey, hook.id);
      const d = await deliveryOf(org.apiKey, hook.id, sent.deliveryId, (x) => x.status !== 'PENDING');
      expect(d).toMatchObject({ status: 'FAILED', failureReason: 'the endpoint answered 410 Gone' });
      expect(d.attempts).toHaveLength(1);
      const list = await call(org.apiKey, 'GET', '/v1/webhooks');
      expect(list.body.webhooks[0]).toMatchObject({
        id: hook.id,
        enabled: false,
        disabledReason: 'the endpoint answered 410 Gone',
      });
      const test = await call(org.apiKey, 'POST', `/v1/webhooks/${hook.id}/test`);
      expect([test.status, test.body.error.code]).toEqual([409, 'invalid_state']);
      const reenabled = await call(org.apiKey, 'PATCH', `/v1/webhooks/${hook.id}`, { enabled: true });
      expect(reenabled.body).toMatchObject({ enabled: true, disabledReason: null });
    } finally {
      receiver.respond = () => 204;
    }
  });

  it('an endpoint failing every delivery for 5 days is disabled by its next failure; 4 days is not enough', async () => {
    const org = await createOrg();
    const [stale, recent] = [await register(org.apiKey), await register(org.apiKey)];
    // Five days of failures, set in SQL: the rule reads failing_since, which the first failure set.
    await sql`update webhook_endpoints set failing_since = now() - interval '5 days 1 hour' where id = ${stale.id}`;
    await sql`update webhook_endpoints set failing_since = now() - interval '4 days' where id = ${recent.id}`;
    receiver.respond = (_n, body) => (body.includes(stale.id) || body.includes(recent.id) ? 503 : 204);
    try {
      const [a, b] = [await sendTest(org.apiKey, stale.id), await sendTest(org.apiKey, recent.id)];
      await deliveryOf(org.apiKey, stale.id, a.deliveryId, (x) => x.attempts.length >= 1);
      await deliveryOf(org.apiKey, recent.id, b.deliveryId, (x) => x.attempts.length >= 1);
      const hooks = await eventually(async () => {
        const list = (await call(org.apiKey, 'GET', '/v1/webhooks')).body.webhooks as any[];
        return list.find((h) => h.id === stale.id)?.enabled === false ? list : undefined;
      }, 30_000);
      expect(hooks.find((h: any) => h.id === stale.id).disabledReason).toMatch(
        /^every delivery failed since .* \(5 days or more\)$/,
      );
      expect(hooks.find((h: any) => h.id === recent.id)).toMatchObject({ enabled: true, disabledReason: null });
    } finally {
      receiver.respond = () => 204;
    }
  });

  it('after a rotation both secrets verify during the overlap, and the new one is shown once', async () => {
    const org = await createOrg();
    const hook = await register(org.apiKey);
    const rotated = await call(org.apiKey, 'POST', `/v1/webhooks/${hook.id}/secret/rotate`);
    expect(rotated.status).toBe(200);
    const secret = rotated.body.secret as string;
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(hook.secret);
    const overlapEnds = Date.parse(rotated.body.previousSecretExpiresAt);
    expect(overlapEnds - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    await sendTest(org.apiKey, hook.id);
    const got = await receiver.waitFor('webhook.test', (r) => r.json.data.webhookId === hook.id);
    expect(String(got.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifyWith(secret, got)).toBeTruthy();
    expect(verifyWith(hook.secret, got)).toBeTruthy();
    expect((await call(org.apiKey, 'GET', `/v1/webhooks/${hook.id}`)).body.secret).toBeUndefined();
  });

  it('rotations inside the overlap, one after another or at once, keep the original secret and its end', async () => {
    const org = await createOrg();
    const hook = await register(org.apiKey);
    const first = await call(org.apiKey, 'POST', `/v1/webhooks/${hook.id}/secret/rotate`);
    const rotate = () => call(org.apiKey, 'POST', `/v1/webhooks/${hook.id}/secret/rotate`);
    const [a, b] = await Promise.all([rotate(), rotate()]);
    expect([first.status, a.status, b.status]).toEqual([200, 200, 200]);
    expect(a.body.previousSecretExpiresAt).toBe(first.body.previousSecretExpiresAt);
    expect(b.body.previousSecretExpiresAt).toBe(first.body.previousSecretExpiresAt);
    await sendTest(org.apiKey, hook.id);
    const got = await receiver.waitFor('webhook.test', (r) => r.json.data.webhookId === hook.id);
    const verifies = (secret: string) => {
      try {
        return Boolean(verifyWith(secret, got));
      } catch {
        return false;
      }
    };
    expect(verifies(hook.secret)).toBe(true);
    // The last of the two concurrent rotations is the current secret; the ones between are gone.
    const verified = [a, b].filter((r) => verifies(r.body.secret as string));
    expect(verified).toHaveLength(1);
    expect(verifies(first.body.secret as string)).toBe(false);
  });

  it('a retry sends the same message again as a new delivery', async () => {
    const org = await createOrg();
    const hook = await register(org.apiKey);
    const sent = await sendTest(org.apiKey, hook.id);
    await deliveryOf(org.apiKey, hook.id, sent.deliveryId, (x) => x.status === 'SUCCEEDED');
    const retry = await call(org.apiKey, 'POST', `/v1/webhooks/${hook.id}/deliveries/${sent.deliveryId}/retry`);
    expect(retry.status).toBe(202);
    expect(retry.body).toMatchObject({ retryOf: sent.deliveryId, messageId: sent.messageId, status: 'PENDING' });
    await deliveryOf(org.apiKey, hook.id, retry.body.id, (x) => x.status === 'SUCCEEDED');
    const posts = receiver.received.filter((r) => r.headers['webhook-id'] === sent.messageId);
    expect(posts).toHaveLength(2);
    const missing = await call(org.apiKey, 'POST', `/v1/webhooks/${hook.id}/deliveries/whd_nope/retry`);
    expect([missing.status, missing.body.error.code]).toEqual([404, 'delivery_not_found']);
  });
});

describe('the webhook outbox, for operators', () => {
  it('shows deliveries still retrying, oldest first, with their age and next attempt', async () => {
    const org = await createOrg();
    const hook = await register(org.apiKey);
    receiver.respond = (_n, body) => (body.includes(hook.id) ? 500 : 204);
    try {
      const sent = await sendTest(org.apiKey, hook.id);
      const row = await eventually(async () => {
        const res = await http('GET', '/admin/webhooks/outbox?limit=500', { headers: adminHeaders() });
        expect(res.status).toBe(200);
        return res.body.pending.find((p: any) => p.id === sent.deliveryId && p.attempts >= 1);
      }, 30_000);
      expect(row).toMatchObject({
        organizationId: org.id,
        eventType: 'webhook.test',
        nextAttemptAt: expect.any(String),
      });
      expect(row.ageSeconds).toBeGreaterThanOrEqual(0);
    } finally {
      receiver.respond = () => 204;
      await call(org.apiKey, 'DELETE', `/v1/webhooks/${hook.id}`);
    }
  });
});
