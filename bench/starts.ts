import { randomUUID } from 'node:crypto';
import { call } from './http';
import { type LoadFigures, type LoadSettings, type LoadTarget, measurePair } from './load';

export interface StartFigures {
  invite: [LoadFigures, LoadFigures];
  code: [LoadFigures, LoadFigures];
  spawn: [LoadFigures, LoadFigures];
}

/** Parents spawned from in rotation: each spawn locks its parent's row, as it must. */
const SPAWN_PARENTS = 10;

/**
 * Spawns that must wait for approval (depth 1 and beyond), so every request starts an approval
 * workflow; the limits are raised so thousands of pending requests fit.
 */
async function spawnParents(apiUrl: string, key: string): Promise<string[]> {
  await call(`${apiUrl}/portal/api/settings`, {
    method: 'PATCH',
    headers: { 'x-api-key': key },
    body: {
      spawnPolicy: {
        enabled: true,
        maxDepth: 2,
        requireApprovalFromDepth: 1,
        maxChildrenPerAgent: 100_000,
        maxAgentsPerOrganization: 1_000_000,
      },
    },
  });
  const parents: string[] = [];
  for (let i = 0; i < SPAWN_PARENTS; i += 1) {
    const agent = await call(`${apiUrl}/v1/agents`, {
      method: 'POST',
      headers: { 'x-api-key': key },
      body: {
        name: `Bench parent ${i}`,
        type: 'SERVICE_ACCOUNT',
        preset: 'event_emitter',
      },
    });
    parents.push(String(agent.id));
  }
  return parents;
}

/**
 * The three endpoints whose answer waits for a workflow start, each beside a bare Temporal
 * client start on the same dev server. Every request is a new user or child, so each starts a
 * workflow rather than finding a pending one.
 */
export async function benchWorkflowStarts(
  apiUrl: string,
  key: string,
  bareStart: LoadTarget,
  settings: LoadSettings,
): Promise<StartFigures> {
  const headers = { 'x-api-key': key };
  const fresh = () => JSON.stringify({ userId: `start-${randomUUID()}` });
  const invite = await measurePair(
    { url: `${apiUrl}/partners/link/invite`, headers, body: fresh },
    bareStart,
    settings,
  );
  const code = await measurePair({ url: `${apiUrl}/partners/link/code`, headers, body: fresh }, bareStart, settings);
  const parents = await spawnParents(apiUrl, key);
  let n = 0;
  const spawnTarget: LoadTarget = {
    url: `${apiUrl}/v1/agents/${parents[0]}/spawn`,
    path: () => `/v1/agents/${parents[(n += 1) % parents.length]}/spawn`,
    headers,
    body: () => JSON.stringify({ name: 'Bench child' }),
  };
  const spawn = await measurePair(spawnTarget, bareStart, settings);
  return { invite, code, spawn };
}
