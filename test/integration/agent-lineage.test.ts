import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { findForestPage, findLineage, findTreeNodes } from '../../src/db/queries/lineage';
import * as schema from '../../src/db/schema';
import { createAgent } from '../helpers/agents';
import { testEnv } from '../helpers/env';
import { keyHeaders } from '../helpers/events';
import { createOrg, http } from '../helpers/http';
import { growTree, setSpawnPolicy, spawnChild } from '../helpers/spawn';

jest.setTimeout(180_000);

const SERVICE = { name: 'Orchestrator', type: 'SERVICE_ACCOUNT', preset: 'reconciler' };
const get = (key: string, path: string) => http('GET', path, { headers: keyHeaders(key) });
const node = (id: string, extra: Record<string, unknown> = {}) => expect.objectContaining({ id, ...extra });

/** Counts the statements a query function sends, to show it does not grow with the tree. */
function countingDb() {
  let count = 0;
  const client = postgres(testEnv().databaseUrl, { max: 1, onnotice: () => undefined, debug: () => (count += 1) });
  return { db: drizzle(client, { schema }), count: () => count, reset: () => (count = 0), end: () => client.end() };
}

describe('lineage and tree', () => {
  it('GET /v1/agents/:id/lineage: root … parent, direct children, depth', async () => {
    const org = await createOrg();
    await setSpawnPolicy(org.apiKey, { enabled: true, maxDepth: 5 });
    const root = await createAgent(org.apiKey, SERVICE);
    const other = await createAgent(org.apiKey, { ...SERVICE, name: 'Lone' });
    const a = await spawnChild(org.apiKey, root.id, { name: 'a' });
    const b = await spawnChild(org.apiKey, root.id, { name: 'b' });
    const a1 = await spawnChild(a.apiKey, a.id, { name: 'a1' });
    const a2 = await spawnChild(a.apiKey, a.id, { name: 'a2' });
    const a1x = await spawnChild(a1.apiKey, a1.id, { name: 'a1x' });

    const leaf = await get(org.apiKey, `/v1/agents/${a1x.id}/lineage`);
    expect(leaf.status).toBe(200);
    expect(leaf.body).toEqual({
      agent: expect.objectContaining({ id: a1x.id, spawnDepth: 3, parentId: a1.id, rootId: root.id }),
      ancestors: [
        node(root.id, { spawnDepth: 0, membershipSource: 'CREATED', parentId: null }),
        node(a.id, { spawnDepth: 1, membershipSource: 'SPAWNED', parentId: root.id }),
        node(a1.id, { spawnDepth: 2, membershipSource: 'SPAWNED', parentId: a.id, status: 'ACTIVE' }),
      ],
      children: [],
      depth: 3,
    });
    const mid = await get(org.apiKey, `/v1/agents/${a.id}/lineage`);
    expect(mid.body).toMatchObject({ ancestors: [node(root.id)], children: [node(a1.id), node(a2.id)], depth: 1 });
    // An agent may read its own lineage with its own key, never another's.
    expect((await get(a1.apiKey, `/v1/agents/${a1.id}/lineage`)).status).toBe(200);
    expect((await get(a1.apiKey, `/v1/agents/${a.id}/lineage`)).status).toBe(403);

    await http('POST', `/v1/agents/${a2.id}/suspend`, { headers: keyHeaders(org.apiKey) });
    const tree = await get(org.apiKey, '/v1/agents/tree');
    expect(tree.status).toBe(200);
    expect(tree.body.total).toBe(7);
    // Roots newest first (the listing's cursor order), each with its family oldest first.
    expect(tree.body.roots).toEqual([
      node(other.id, { children: [] }),
      node(root.id, {
        membershipSource: 'CREATED',
        children: [
          node(a.id, {
            spawnDepth: 1,
            children: [
              node(a1.id, { children: [node(a1x.id, { spawnDepth: 3, status: 'ACTIVE', children: [] })] }),
              node(a2.id, { status: 'SUSPENDED', membershipSource: 'SPAWNED', children: [] }),
            ],
          }),
          node(b.id, { children: [] }),
        ],
      }),
    ]);
    const sub = await get(org.apiKey, `/v1/agents/tree?rootAgentId=${a.id}`);
    expect(sub.body.total).toBe(4);
    expect(sub.body.roots).toEqual([node(a.id, { children: [node(a1.id), node(a2.id)] })]);
    expect((await get(org.apiKey, '/v1/agents/tree?rootAgentId=agent_nope')).status).toBe(404);
    const stranger = await createOrg();
    expect((await get(stranger.apiKey, `/v1/agents/${a.id}/lineage`)).status).toBe(404);
    expect((await get(stranger.apiKey, `/v1/agents/tree?rootAgentId=${root.id}`)).status).toBe(404);
  });

  it('over 1,000 agents: the same few queries as for 7, and both answer in well under a second', async () => {
    const org = await createOrg();
    await setSpawnPolicy(org.apiKey, { enabled: true, maxDepth: 5 });
    const small = await createAgent(org.apiKey, SERVICE);
    const smallTree = await growTree(org.apiKey, small.id, [2, 2]);
    const big = await createAgent(org.apiKey, SERVICE);
    const bigTree = await growTree(org.apiKey, big.id, [10, 10, 10]);
    expect(bigTree).toHaveLength(1110);

    const counting = countingDb();
    try {
      const queries = async (fn: () => Promise<unknown>) => {
        counting.reset();
        await fn();
        return counting.count();
      };
      const deepSmall = smallTree[smallTree.length - 1]!.id;
      const deepBig = bigTree[bigTree.length - 1]!.id;
      await findLineage(counting.db, org.id, deepSmall); // the connection's own setup is not counted
      const lineageSmall = await queries(() => findLineage(counting.db, org.id, deepSmall));
      expect(await queries(() => findLineage(counting.db, org.id, deepBig))).toBe(lineageSmall);
      expect(lineageSmall).toBe(3);
      expect(await queries(() => findTreeNodes(counting.db, org.id, small.id))).toBe(2);
      expect(await queries(() => findTreeNodes(counting.db, org.id, big.id))).toBe(2);
      expect(await queries(() => findForestPage(counting.db, org.id, { limit: 20 }))).toBe(2);
    } finally {
      await counting.end();
    }

    let started = performance.now();
    const tree = await get(org.apiKey, `/v1/agents/tree?rootAgentId=${big.id}`);
    const treeMs = performance.now() - started;
    expect(tree.body.total).toBe(1111);
    expect(tree.body.roots[0].children).toHaveLength(10);
    expect(tree.body.roots[0].children[0].children[0].children).toHaveLength(10);
    started = performance.now();
    const lineage = await get(org.apiKey, `/v1/agents/${bigTree[bigTree.length - 1]!.id}/lineage`);
    const lineageMs = performance.now() - started;
    expect(lineage.body.ancestors).toHaveLength(3);
    expect(treeMs).toBeLessThan(1000);
    expect(lineageMs).toBeLessThan(1000);
  });
});
