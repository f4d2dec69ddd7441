import { buildRoutes } from '../../src/api/routes';
import type { RouteSpec } from '../../src/api/route';
import { loadConfig } from '../../src/config';
import { createAgent } from '../helpers/agents';
import { keyHeaders, uniqueUserId } from '../helpers/events';
import { exampleBody } from '../helpers/examples';
import { setSpawnPolicy, spawn } from '../helpers/spawn';
import { type HttpResult, adminHeaders, createOrg, http } from '../helpers/http';
import { signupAndLogin } from '../helpers/linking';

/** 3× the API's pool (the stack runs with the default): more idempotent transactions than connections. */
const BURST = 3 * loadConfig({}).MIR_PG_POOL_MAX;
const LIVENESS_MS = 2_000;

/** Values a generated body cannot guess: real shapes of events and evaluations. */
const BODY_OVERRIDES: Record<string, () => Record<string, unknown>> = {
  '/events': () => ({ type: 'review.posted', userId: uniqueUserId('burst') }),
  '/events/bulk': () => ({ events: [{ type: 'review.posted', userId: uniqueUserId('burst') }] }),
  '/policy/evaluate': () => ({ action: 'checkout.complete', actor_id: uniqueUserId('burst') }),
  '/policy/evaluate/bulk': () => ({ evaluations: [{ action: 'checkout.complete', actor_id: uniqueUserId('burst') }] }),
  '/enterprise/api/members/import': () => ({ members: [`m-${uniqueUserId()}@example.com`] }),
  '/v1/me/links/code': () => ({ code: 'ABCD-EFGH' }),
  // Nothing listens there; registering only resolves the address (loopback is allowed outside production).
  '/v1/webhooks': () => ({ url: 'http://127.0.0.1:9/hooks' }),
};

interface Fixture {
  orgId: string;
  ownerKey: string;
  keyId: string;
  session: string;
  spawnRequestId: string;
}

async function fixture(): Promise<Fixture> {
  const org = await createOrg('Burst', 'enterprise');
  await setSpawnPolicy(org.apiKey, { enabled: true, maxDepth: 3, requireApprovalFromDepth: 1 });
  const parent = await createAgent(org.apiKey, { name: 'Parent', type: 'SERVICE_ACCOUNT', preset: 'admin' });
  const pending = await spawn(org.apiKey, parent.id, { name: 'Pending child' });
  if (pending.status !== 202) throw new Error(`spawn for approval failed: ${pending.status} ${pending.text}`);
  const key = await http('POST', `/admin/organizations/${org.id}/keys`, {
    headers: adminHeaders(),
    body: { role: 'ANALYST' },
  });
  const person = await signupAndLogin();
  return {
    orgId: org.id,
    ownerKey: org.apiKey,
    keyId: key.body.id,
    session: person.token,
    spawnRequestId: pending.body.spawnRequestId,
  };
}

/** The route's path with real ids: each agent route gets an agent of its own, as some end it. */
async function concretePath(route: RouteSpec, f: Fixture): Promise<string> {
  let path = route.path;
  if (path.includes('/spawn-requests/:id')) path = path.replace(':id', f.spawnRequestId);
  if (path.startsWith('/v1/webhooks/:id')) {
    const hook = await http('POST', '/v1/webhooks', {
      headers: keyHeaders(f.ownerKey),
      body: { url: 'http://127.0.0.1:9/hooks', eventTypes: ['agent.created'] },
    });
    path = path.replace(':id', hook.body.id);
  }
  if (path.startsWith('/v1/agents/:id')) {
    const agent = await createAgent(f.ownerKey, { name: 'Burst', type: 'SERVICE_ACCOUNT', preset: 'admin' });
    path = path.replace(':id', agent.id);
  }
  return path.replace('/organizations/:id', `/organizations/${f.orgId}`).replace(':keyId', f.keyId);
}

function credentials(route: RouteSpec, f: Fixture): Record<string, string> {
  if (route.auth === 'admin') return adminHeaders();
  if (route.auth === 'user') return { authorization: `Bearer ${f.session}` };
  return keyHeaders(f.ownerKey);
}

/** Fails the test (an abort) unless the server answers within LIVENESS_MS. */
const answersWithin = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
  http(method, path, { headers, body, signal: AbortSignal.timeout(LIVENESS_MS) });

const idempotentRoutes = buildRoutes().filter((r) => r.method === 'post' && r.auth !== 'none');

describe(`${BURST} concurrent idempotent requests per route, each with its own key`, () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture();
  });

  it.each(idempotentRoutes.map((r) => [r.path, r] as const))('%s leaves the process answering', async (_, route) => {
    const path = await concretePath(route, f);
    const headers = credentials(route, f);
    const answers: HttpResult[] = await Promise.all(
      Array.from({ length: BURST }, (_unused, i) =>
        http('POST', path, {
          headers: { ...headers, 'idempotency-key': `burst-${Date.now()}-${i}` },
          body: exampleBody(route.body, BODY_OVERRIDES[route.path]?.()),
        }),
      ),
    );
    for (const a of answers) {
      // A bound may refuse under load, cleanly; nothing else may fail on the server's side.
      if (a.status >= 500) {
        expect(a.status).toBe(503);
        expect(a.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(a.body.error.code).toMatch(/^(overloaded|timeout|worker_unavailable)$/);
      }
    }
    // The generated body passed validation, so the burst really ran through the idempotency layer.
    expect(answers.some((a) => a.body?.error?.code !== 'validation_failed')).toBe(true);

    expect((await answersWithin('GET', '/ready', {})).status).toBe(200);
    const admin = await answersWithin('POST', '/admin/organizations', adminHeaders(), {
      name: 'After',
      plan: 'standard',
    });
    expect(admin.status).toBe(201);
  });

  it('covers every route that accepts an Idempotency-Key, including the ones that call Temporal', () => {
    expect(idempotentRoutes.filter((r) => r.ownTransactions).length).toBeGreaterThanOrEqual(8);
  });
});

describe('a burst of code redemptions by one person (the deadlock once found)', () => {
  it('answers every request and keeps /ready and the admin API answering', async () => {
    const person = await signupAndLogin();
    const answers = await Promise.all(
      Array.from({ length: BURST }, (_unused, i) =>
        http('POST', '/v1/me/links/code', {
          headers: { authorization: `Bearer ${person.token}`, 'idempotency-key': `redeem-${i}` },
          body: { code: 'ABCD-EFGH' },
        }),
      ),
    );
    const statuses = new Set(answers.map((a) => a.status));
    expect([...statuses].every((s) => s === 400 || s === 429)).toBe(true);
    expect(answers.filter((a) => a.status === 400).every((a) => a.body.error.code === 'invalid_code')).toBe(true);
    expect((await answersWithin('GET', '/ready', {})).status).toBe(200);
    const admin = await answersWithin('POST', '/admin/organizations', adminHeaders(), {
      name: 'After',
      plan: 'standard',
    });
    expect(admin.status).toBe(201);
  });
});
