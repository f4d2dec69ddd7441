import { randomUUID } from 'node:crypto';
import { buildRoutes } from '../../src/api/routes';
import { withoutSecrets } from '../../src/api/secret-fields';
import { AI_BOT, createAgent } from '../helpers/agents';
import { testSql } from '../helpers/db';
import { keyHeaders, postEvent, uniqueUserId } from '../helpers/events';
import { setSpawnPolicy, spawnChild } from '../helpers/spawn';
import { type HttpResult, adminHeaders, createOrg, freshLoopback, http, postFrom } from '../helpers/http';
import { signupAndLogin } from '../helpers/linking';
import { createMiraOrg } from '../helpers/mira';
import { WebhookReceiver } from '../helpers/webhook-receiver';

jest.setTimeout(180_000);
const sql = testSql();
const receiver = new WebhookReceiver();
let hookUrl: string;
beforeAll(async () => {
  hookUrl = await receiver.start();
});
afterAll(async () => {
  await receiver.stop();
  await sql.end();
});

type Send = (headers: Record<string, string>) => Promise<Pick<HttpResult, 'status' | 'headers' | 'body' | 'text'>>;
interface Case {
  route: string;
  status: number;
  send: Send;
}

const post =
  (path: string, auth: Record<string, string>, body?: unknown): Send =>
  (headers) =>
    http('POST', path, { headers: { ...auth, ...headers }, body });

/** An organisation whose agents may spawn; a child two levels down needs approval (202). */
async function spawningOrg() {
  const org = await createOrg();
  await setSpawnPolicy(org.apiKey, { enabled: true, maxDepth: 5, requireApprovalFromDepth: 2 });
  return { org, root: await createAgent(org.apiKey, AI_BOT) };
}

async function userWithHistory(apiKey: string) {
  const userId = uniqueUserId('walk');
  expect((await postEvent(apiKey, { type: 'review.posted', userId })).status).toBe(201);
  return userId;
}

/** One call of every route that declares a secret, after whatever that call needs to exist. */
const cases: (() => Promise<Case>)[] = [
  async () => ({
    route: 'POST /admin/organizations',
    status: 201,
    send: post('/admin/organizations', adminHeaders(), { name: 'Walk', plan: 'enterprise' }),
  }),
  async () => ({
    route: 'POST /admin/organizations/:id/keys',
    status: 201,
    send: post(`/admin/organizations/${(await createOrg()).id}/keys`, adminHeaders(), { role: 'MEMBER' }),
  }),
  async () => ({
    route: 'POST /admin/mira/organizations',
    status: 201,
    send: post('/admin/mira/organizations', adminHeaders(), { name: 'Walk' }),
  }),
  async () => ({
    route: 'POST /admin/mira/organizations/:id/keys',
    status: 201,
    send: post(`/admin/mira/organizations/${(await createMiraOrg()).id}/keys`, adminHeaders(), { readOnly: true }),
  }),
  async () => ({
    route: 'POST /portal/api/keys',
    status: 201,
    send: post('/portal/api/keys', keyHeaders((await createOrg()).apiKey), { role: 'MEMBER' }),
  }),
  async () => {
    const org = await createOrg();
    const made = await http('POST', '/portal/api/keys', { headers: keyHeaders(org.apiKey), body: { role: 'MEMBER' } });
    return {
      route: 'POST /portal/api/keys/:id/rotate',
      status: 200,
      send: post(`/portal/api/keys/${made.body.id}/rotate`, keyHeaders(org.apiKey)),
    };
  },
  async () => ({
    route: 'POST /v1/agents',
    status: 201,
    send: post('/v1/agents', keyHeaders((await createOrg()).apiKey), AI_BOT),
  }),
  async () => {
    const { root } = await spawningOrg();
    return {
      route: 'POST /v1/agents/:id/spawn',
      status: 201,
      send: post(`/v1/agents/${root.id}/spawn`, keyHeaders(root.apiKey), { name: 'c' }),
    };
  },
  async () => {
    const { root } = await spawningOrg();
    const child = await spawnChild(root.apiKey, root.id, { name: 'depth 1' });
    const send = post(`/v1/agents/${child.id}/spawn`, keyHeaders(child.apiKey), { name: 'depth 2' });
    return { route: 'POST /v1/agents/:id/spawn', status: 202, send };
  },
  async () => {
    const org = await createOrg();
    const agent = await createAgent(org.apiKey, AI_BOT);
    return {
      route: 'POST /v1/agents/:id/key/rotate',
      status: 200,
      send: post(`/v1/agents/${agent.id}/key/rotate`, keyHeaders(org.apiKey)),
    };
  },
  async () => {
    const org = await createOrg();
    const body = { userId: await userWithHistory(org.apiKey) };
    return {
      route: 'POST /partners/link/invite',
      status: 201,
      send: post('/partners/link/invite', keyHeaders(org.apiKey), body),
    };
  },
  async () => {
    const org = await createOrg();
    const body = { userId: await userWithHistory(org.apiKey) };
    return {
      route: 'POST /partners/link/code',
      status: 201,
      send: post('/partners/link/code', keyHeaders(org.apiKey), body),
    };
  },
  async () => ({
    route: 'POST /v1/webhooks',
    status: 201,
    send: post('/v1/webhooks', keyHeaders((await createOrg()).apiKey), { url: hookUrl, eventTypes: ['*'] }),
  }),
  async () => {
    const org = await createOrg();
    const hook = await http('POST', '/v1/webhooks', {
      headers: keyHeaders(org.apiKey),
      body: { url: hookUrl, eventTypes: ['*'] },
    });
    return {
      route: 'POST /v1/webhooks/:id/secret/rotate',
      status: 200,
      send: post(`/v1/webhooks/${hook.body.id}/secret/rotate`, keyHeaders(org.apiKey)),
    };
  },
  async () => {
    // No principal, so no stored answer at all; from an address of its own (login is throttled per address).
    const { email, password } = await signupAndLogin();
    const send: Send = async (headers) => {
      const res = await postFrom(freshLoopback(), '/v1/users/login', { email, password }, { headers });
      return { ...res, headers: new Headers(res.headers as Record<string, string>), text: JSON.stringify(res.body) };
    };
    return { route: 'POST /v1/users/login', status: 200, send };
  },
  async () => {
    // The credential is the person's to carry: a replay answers null and Postgres keeps none.
    const { token } = await signupAndLogin();
    return {
      route: 'POST /v1/me/credentials',
      status: 201,
      send: post('/v1/me/credentials', { authorization: `Bearer ${token}` }, { disclose: ['tier'] }),
    };
  },
];

const at = (body: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((node, field) => (node as Record<string, unknown> | null)?.[field], body);

describe('secrets in idempotent answers', () => {
  it('every route that declares a secret: the stored answer and its replay hold none of it', async () => {
    const declared = buildRoutes().filter((r) => (r.secretFields ?? []).length > 0);
    const walked: Case[] = [];
    for (const setup of cases) walked.push(await setup());
    expect(new Set(walked.map((c) => c.route))).toEqual(new Set(declared.map((r) => `POST ${r.path}`)));

    for (const { route: name, status, send } of walked) {
      const route = declared.find((r) => `POST ${r.path}` === name)!;
      const paths = route.secretFields!;
      const key = { 'idempotency-key': `walk-${randomUUID()}` };
      const first = await send(key);
      expect([name, first.status]).toEqual([name, status]);
      const secrets = paths.map((p) => at(first.body, p)).filter((s) => s !== undefined);
      expect(secrets.length).toBeGreaterThan(0);
      for (const secret of secrets)
        expect([name, typeof secret, (secret as string).length > 8]).toEqual([name, 'string', true]);

      const [stored] =
        await sql`select response_body::text as body from idempotency_keys where key = ${key['idempotency-key']}`;
      const replay = await send(key);
      if (route.auth === 'none') {
        // Nothing to replay: no principal, no stored answer; each login is a new session.
        expect([name, stored, replay.headers.get('idempotent-replayed')]).toEqual([name, undefined, null]);
        continue;
      }
      expect(stored).toBeDefined();
      for (const secret of secrets) {
        expect([name, stored!.body.includes(secret as string)]).toEqual([name, false]);
        expect([name, replay.text.includes(secret as string)]).toEqual([name, false]);
      }
      for (const path of paths)
        expect([name, path, at(JSON.parse(stored!.body as string), path)]).toEqual([name, path, null]);
      // The rest of the answer is replayed as it was, the secret as null: what top-level keys always did.
      expect([name, replay.status, replay.headers.get('idempotent-replayed')]).toEqual([name, status, 'true']);
      expect(replay.body).toEqual(withoutSecrets(first.body, paths));
    }
  });
});
