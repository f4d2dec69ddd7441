import { createAgent } from '../helpers/agents';
import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import { testEnv } from '../helpers/env';
import { keyHeaders } from '../helpers/events';
import { setSpawnPolicy, spawnChild } from '../helpers/spawn';
import { createOrg, http, type HttpResult } from '../helpers/http';

jest.setTimeout(240_000);

let second: ApiProcess;
/** The stack's own API and one more process on the same Postgres: the windows are shared. */
let apis: [string, string];

beforeAll(async () => {
  second = await startApiProcess();
  apis = [testEnv().apiUrl, second.url];
});

afterAll(async () => {
  if (second) expect(await second.stop()).toBe(0);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Windows are Postgres minutes on this machine's clock: late in a minute, wait for the next one. */
async function freshWindow(neededMs: number) {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute >= 60_000 - neededMs) await sleep(60_000 - intoMinute + 250);
}

const me = (apiKey: string, i = 0) =>
  http('GET', '/v1/agents/me', { baseUrl: apis[i % 2], headers: keyHeaders(apiKey) });
const statuses = (answers: HttpResult[]) => answers.map((r) => r.status);
async function inTurn(apiKey: string, n: number): Promise<HttpResult[]> {
  const answers: HttpResult[] = [];
  for (let i = 0; i < n; i += 1) answers.push(await me(apiKey, i));
  return answers;
}

function expectRateLimited(res: HttpResult, limit: number) {
  expect(res.status).toBe(429);
  expect(res.body.error).toMatchObject({ code: 'rate_limited', details: { limit } });
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(res.headers.get('ratelimit-limit')).toBe(String(limit));
  expect(res.headers.get('ratelimit-remaining')).toBe('0');
}

const FULL = ['events:write', 'events:read', 'users:resolve'];

/**
 * root (the organisation's default limit) → C (its own limit) → `kids` children, which inherit
 * C's limit. The owner's partner key spawns them, so spawning spends no agent's window.
 */
async function family(cLimit: number, kids = 3) {
  const org = await createOrg();
  await setSpawnPolicy(org.apiKey, { enabled: true, maxDepth: 3 });
  const root = await createAgent(org.apiKey, { name: 'root', type: 'SERVICE_ACCOUNT', permissions: FULL });
  const c = await spawnChild(org.apiKey, root.id, { name: 'C', rateLimitPerMinute: cLimit });
  const children = [];
  for (let i = 0; i < kids; i += 1) {
    children.push(await spawnChild(org.apiKey, c.id, { name: `kid ${i}`, agentExternalId: `kid-${i}` }));
  }
  const owner = keyHeaders(org.apiKey);
  const patch = (id: string, body: unknown) => http('PATCH', `/v1/agents/${id}`, { headers: owner, body });
  return { org, owner, root, c, kids: children, patch };
}

describe("a mid-level agent's limit bounds its whole subtree", () => {
  it('the reported case: C at 3/min and its three children get 3 calls a minute between them, not 9', async () => {
    const { root, c, kids } = await family(3);
    for (const kid of kids) expect(kid.rateLimitPerMinute).toBe(3);
    await freshWindow(15_000);

    const answers: HttpResult[] = [];
    for (let round = 0; round < 3; round += 1) {
      for (const [j, agent] of [c, ...kids].entries()) answers.push(await me(agent.apiKey, round + j));
    }
    expect(statuses(answers)).toEqual([200, 200, 200, ...Array<number>(9).fill(429)]);
    for (const refused of answers.slice(3)) expectRateLimited(refused, 3);
    // The root's window is its own: what C's subtree spent is far from the root's limit.
    expect((await me(root.apiKey)).status).toBe(200);
  });

  it("a request any window refuses is kept by none: a child past its own smaller limit leaves C's budget alone", async () => {
    const { org, c } = await family(3, 0);
    const tight = await spawnChild(org.apiKey, c.id, { name: 'tight', rateLimitPerMinute: 1 });
    await freshWindow(15_000);

    const tightAnswers = await inTurn(tight.apiKey, 6);
    expect(statuses(tightAnswers)).toEqual([200, 429, 429, 429, 429, 429]);
    for (const refused of tightAnswers.slice(1)) expectRateLimited(refused, 1);
    // C's window holds the one request that passed, not the five refused.
    const cAnswers = await inTurn(c.apiKey, 3);
    expect(statuses(cAnswers)).toEqual([200, 200, 429]);
    expectRateLimited(cAnswers[2]!, 3);
  });

  it("siblings at once over two processes, with their keys and through the partner key: exactly C's limit passes", async () => {
    const { owner, kids } = await family(5);
    await freshWindow(15_000);

    const answers = await Promise.all(
      Array.from({ length: 36 }, (_, i) => {
        const kid = kids[i % 3]!;
        if (i % 4 !== 3) return me(kid.apiKey, i);
        const asKid = { ...owner, 'x-mir-agent-id': kid.agentExternalId as string };
        return http('GET', '/events', { baseUrl: apis[i % 2], headers: asKid });
      }),
    );
    expect(answers.filter((r) => r.status === 200)).toHaveLength(5);
    for (const refused of answers.filter((r) => r.status !== 200)) expectRateLimited(refused, 5);
  });

  it("C's limit changed afterwards governs its subtree from the next request, whichever way", async () => {
    const { owner, c, kids, patch } = await family(3);
    await freshWindow(25_000);

    expect(statuses(await inTurn(kids[0]!.apiKey, 4))).toEqual([200, 200, 200, 429]);
    // Widened: C's subtree gets two more this minute, though the second child has sent nothing yet.
    expect((await patch(c.id, { rateLimitPerMinute: 5 })).status).toBe(200);
    const widened = await inTurn(kids[1]!.apiKey, 3);
    expect(statuses(widened)).toEqual([200, 200, 429]);
    expectRateLimited(widened[2]!, 5);
    // Back to the organisation's default (null), which the organisation then sets to 6: one more.
    expect((await patch(c.id, { rateLimitPerMinute: null })).status).toBe(200);
    const settings = { headers: owner, body: { agentRateLimitPerMinute: 6 } };
    expect((await http('PATCH', '/portal/api/settings', settings)).status).toBe(200);
    const inherited = await inTurn(kids[2]!.apiKey, 2);
    expect(statuses(inherited)).toEqual([200, 429]);
    expectRateLimited(inherited[1]!, 6);
    // Narrowed below what the subtree already sent: refused at once.
    expect((await patch(c.id, { rateLimitPerMinute: 1 })).status).toBe(200);
    expectRateLimited(await me(kids[2]!.apiKey), 1);
  });

  it('a suspended or killed middle ancestor: its subtree is refused before any window counts', async () => {
    const { root, c, kids, patch, owner } = await family(4);
    expect((await patch(root.id, { rateLimitPerMinute: 6 })).status).toBe(200);
    await freshWindow(25_000);

    expect(statuses(await inTurn(kids[0]!.apiKey, 2))).toEqual([200, 200]);
    expect((await http('POST', `/v1/agents/${c.id}/suspend`, { headers: owner })).status).toBe(200);
    for (const res of await inTurn(kids[1]!.apiKey, 5)) {
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({ code: 'ancestor_inactive', details: { ancestorId: c.id } });
    }
    // Back: the five refusals spent nothing, the two that passed still count.
    expect((await http('POST', `/v1/agents/${c.id}/reactivate`, { headers: owner })).status).toBe(200);
    expect(statuses(await inTurn(kids[1]!.apiKey, 3))).toEqual([200, 200, 429]);

    const killed = await http('POST', `/v1/agents/${c.id}/revoke-descendants`, { headers: owner });
    expect(killed.status).toBe(202);
    for (const kid of kids) {
      const res = await me(kid.apiKey);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('agent_revoked');
    }
    // The root's window (6) holds the subtree's four accepted requests and nothing refused.
    expect(statuses(await inTurn(root.apiKey, 3))).toEqual([200, 200, 429]);
  });
});
