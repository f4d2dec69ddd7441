import { call } from './http';
import { type LoadFigures, type LoadSettings, type LoadTarget, measurePair } from './load';

/**
 * Families per side. One agent's window allows at most 10,000 requests a minute, far below what
 * ten connections send, so each side rotates over this many; a real family is bounded the same way.
 */
const FAMILIES = 64;
const DEPTH = 3;
const LIMIT = 10_000;

async function makeAgent(apiUrl: string, headers: Record<string, string>, parentId: string | null, name: string) {
  const body = { name, type: 'SERVICE_ACCOUNT', permissions: ['events:write'], rateLimitPerMinute: LIMIT };
  const created = parentId
    ? await call(`${apiUrl}/v1/agents/${parentId}/spawn`, { method: 'POST', headers, body: { name } })
    : await call(`${apiUrl}/v1/agents`, { method: 'POST', headers, body });
  return { id: String(created.id), apiKey: String(created.apiKey) };
}

/** A root, then DEPTH generations below it; each spawned agent inherits the root's own limit. */
async function deepAgent(apiUrl: string, headers: Record<string, string>, i: number): Promise<string> {
  let agent = await makeAgent(apiUrl, headers, null, `Lineage root ${i}`);
  for (let d = 1; d <= DEPTH; d += 1) agent = await makeAgent(apiUrl, headers, agent.id, `Lineage d${d} ${i}`);
  return agent.apiKey;
}

/**
 * POST /events through an agent at depth 3 (four windows counted per request: its own, its two
 * ancestors' and its root's, each with a limit of its own) against a root agent (one window), in
 * alternating slices. The ratio is the cost of bounding a subtree by every ancestor.
 */
export async function benchLineage(
  apiUrl: string,
  partnerKey: string,
  settings: LoadSettings,
): Promise<[LoadFigures, LoadFigures]> {
  const headers = { 'x-api-key': partnerKey };
  await call(`${apiUrl}/portal/api/settings`, {
    method: 'PATCH',
    headers,
    body: { spawnPolicy: { enabled: true, maxDepth: DEPTH } },
  });
  const roots: string[] = [];
  const deep: string[] = [];
  for (let i = 0; i < FAMILIES; i += 1) {
    roots.push((await makeAgent(apiUrl, headers, null, `Flat root ${i}`)).apiKey);
    deep.push(await deepAgent(apiUrl, headers, i));
  }
  const target = (keys: string[]): LoadTarget => {
    let k = 0;
    let n = 0;
    return {
      url: `${apiUrl}/events`,
      requestHeaders: () => ({ 'x-api-key': keys[(k += 1) % FAMILIES]! }),
      body: () => JSON.stringify({ type: 'bench.event', userId: `lineage-${(n += 1) % 1000}` }),
    };
  };
  return measurePair(target(deep), target(roots), settings);
}
