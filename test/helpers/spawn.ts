import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { keyHeaders } from './events';
import { http } from './http';

export interface SpawnPolicyInput {
  enabled: boolean;
  maxDepth: number;
  requireApprovalFromDepth?: number;
  requireApprovalForPermissions?: string[];
  approvalTimeoutSeconds?: number;
}

export async function setSpawnPolicy(ownerKey: string, spawnPolicy: SpawnPolicyInput) {
  const res = await http('PATCH', '/portal/api/settings', { headers: keyHeaders(ownerKey), body: { spawnPolicy } });
  if (res.status !== 200) throw new Error(`setting the spawn policy failed: ${res.status} ${res.text}`);
  return res.body;
}

let n = 0;
/** An Idempotency-Key no other request uses (AI_AGENT keys must send one on every POST). */
export const freshIdempotencyKey = () => ({ 'idempotency-key': `spawn-${process.pid}-${Date.now()}-${(n += 1)}` });

export function spawn(
  key: string,
  parentId: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
  baseUrl?: string,
) {
  return http('POST', `/v1/agents/${parentId}/spawn`, {
    headers: keyHeaders(key, { ...freshIdempotencyKey(), ...headers }),
    body,
    baseUrl,
  });
}

/** A spawn that must succeed at once; returns the child with its key. */
export async function spawnChild(key: string, parentId: string, body: Record<string, unknown>) {
  const res = await spawn(key, parentId, body);
  if (res.status !== 201) throw new Error(`spawn under ${parentId} failed: ${res.status} ${res.text}`);
  return res.body as { id: string; apiKey: string } & Record<string, any>;
}

export const me = (agentKey: string) => http('GET', '/v1/agents/me', { headers: keyHeaders(agentKey) });

/** Runs `fn` over `items`, `width` at a time, keeping order. */
export async function inParallel<T, R>(items: T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  return out;
}

export interface GrownAgent {
  id: string;
  apiKey: string;
  depth: number;
}

/**
 * Grows a tree through the public spawn endpoint, level by level: `fanout[d]` children per
 * agent at depth d. Returns every spawned agent with its key (the root is the caller's).
 */
export async function growTree(ownerKey: string, rootId: string, fanout: number[], width = 12) {
  const all: GrownAgent[] = [];
  let level: { id: string }[] = [{ id: rootId }];
  for (let d = 0; d < fanout.length; d += 1) {
    const jobs = level.flatMap((p) => Array.from({ length: fanout[d]! }, (_, i) => ({ parent: p.id, i })));
    const made = await inParallel(jobs, width, async (job) => {
      const child = await spawnChild(ownerKey, job.parent, { name: `d${d + 1}-${job.i}` });
      return { id: child.id, apiKey: child.apiKey, depth: d + 1 };
    });
    all.push(...made);
    level = made;
  }
  return all;
}

/**
 * `MIR_RECORD_HISTORIES=1 npx jest <file>` saves the history as a replay fixture under
 * test/fixtures/histories; without it, nothing is written.
 */
export async function maybeRecordHistory(
  handle: { fetchHistory: () => Promise<unknown> },
  file: string,
): Promise<void> {
  if (process.env.MIR_RECORD_HISTORIES !== '1') return;
  const history = (await handle.fetchHistory()) as Parameters<typeof historyToJSON>[0];
  writeFileSync(path.join(__dirname, '..', 'fixtures', 'histories', file), `${historyToJSON(history)}\n`);
}
