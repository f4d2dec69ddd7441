import type postgres from 'postgres';
import { AGENT_KEY_PREFIX, issueSecret } from '../src/domain/keys';

/** Children per agent at each depth: 10 + 100 + 1,000 + 9,000 descendants under one root. */
const FANOUT = [10, 10, 10, 9];
const SAMPLES = 5;
const INSERT_CHUNK = 2_000;
export const KILL_SWITCH_GOAL_MS = 1_000;

export interface KillSwitchFigures {
  agents: number;
  seedSeconds: number;
  /** GET /v1/agents/tree?rootAgentId=…, median and worst of SAMPLES, whole answer received. */
  treeMs: { median: number; max: number };
  lineageMs: { median: number; max: number };
  /** From POST /revoke-descendants until its 202, and until a leaf's key is refused. */
  killSwitchResponseMs: number;
  leafRefusedAfterMs: number;
  /** From POST until the operation is COMPLETED: every agent REVOKED and audited. */
  cascadeSeconds: number;
  cascadeAgentsPerSec: number;
  treeUnderGoal: boolean;
}

/** The fields of the answers this bench reads. */
interface Answer {
  id?: string;
  total?: number;
  depth?: number;
  operationId?: string;
  status?: string;
  revoked?: number;
}

interface Ctx {
  apiUrl: string;
  partnerKey: string;
  organizationId: string;
  sql: postgres.Sql;
}

async function call(ctx: Ctx, method: string, path: string, body?: unknown, key = ctx.partnerKey) {
  const res = await fetch(`${ctx.apiUrl}${path}`, {
    method,
    headers: { 'x-api-key': key, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Answer };
}

/**
 * Spawned agents straight in SQL, exactly as the spawn endpoint writes them (ancestry, depth,
 * root, source, a key hash each); going through HTTP would measure spawning, not the tree.
 * One leaf gets a real key so the bench can watch it be refused.
 */
async function seedTree(ctx: Ctx, rootId: string): Promise<{ count: number; leafId: string; leafKey: string }> {
  const leaf = issueSecret(AGENT_KEY_PREFIX);
  let level = [{ id: rootId, ancestry: '' }];
  let count = 0;
  let last = '';
  for (let depth = 1; depth <= FANOUT.length; depth += 1) {
    const rows = level.flatMap((p, n) =>
      Array.from({ length: FANOUT[depth - 1]! }, (_, i) => ({
        id: `agent_bench_${depth}_${n * FANOUT[depth - 1]! + i}`,
        organization_id: ctx.organizationId,
        name: `bench ${depth}.${i}`,
        type: 'SERVICE_ACCOUNT',
        permissions: ctx.sql.json(['events:write']),
        allowed_event_types: ctx.sql.json([]),
        allowed_event_patterns: ctx.sql.json([]),
        require_idempotency: false,
        key_hash: issueSecret(AGENT_KEY_PREFIX).hash,
        key_prefix: 'mir_agent_bench',
        parent_id: p.id,
        root_id: rootId,
        spawn_depth: depth,
        membership_source: 'SPAWNED',
        ancestry: `${p.ancestry}${p.id}/`,
      })),
    );
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await ctx.sql`insert into agents ${ctx.sql(rows.slice(i, i + INSERT_CHUNK))}`;
    }
    count += rows.length;
    level = rows.map((r) => ({ id: r.id, ancestry: r.ancestry }));
    last = rows[rows.length - 1]!.id;
  }
  await ctx.sql`update agents set key_hash = ${leaf.hash} where id = ${last}`;
  await ctx.sql`vacuum (analyze) agents`;
  return { count, leafId: last, leafKey: leaf.plaintext };
}

async function timed(n: number, fn: () => Promise<void>) {
  const times: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: Math.round(times[Math.floor(n / 2)]!), max: Math.round(times[n - 1]!) };
}

/**
 * Tree and lineage of a 10,000-agent genealogy, then the kill switch over all of it. Needs an
 * enterprise organisation and its OWNER key on a running stack (the one bench/run.ts starts).
 */
export async function measureKillSwitch(ctx: Ctx, log: (m: string) => void = console.log): Promise<KillSwitchFigures> {
  const root = await call(ctx, 'POST', '/v1/agents', {
    name: 'Bench root',
    type: 'SERVICE_ACCOUNT',
    preset: 'event_emitter',
  });
  if (root.status !== 201) throw new Error(`creating the bench root failed: ${root.status}`);
  const rootId = String(root.body.id);
  const seedStarted = performance.now();
  const seeded = await seedTree(ctx, rootId);
  const agents = seeded.count + 1;
  const seedSeconds = Number(((performance.now() - seedStarted) / 1000).toFixed(1));
  log(`genealogy: seeded ${agents} agents in ${seedSeconds} s`);

  const treeMs = await timed(SAMPLES, async () => {
    const res = await call(ctx, 'GET', `/v1/agents/tree?rootAgentId=${rootId}`);
    if (res.body.total !== agents) throw new Error(`tree answered ${res.body.total} agents, seeded ${agents}`);
  });
  const lineageMs = await timed(SAMPLES, async () => {
    const res = await call(ctx, 'GET', `/v1/agents/${seeded.leafId}/lineage`);
    if (res.body.depth !== FANOUT.length) throw new Error(`lineage depth ${res.body.depth}`);
  });
  log(`genealogy: tree ${treeMs.median} ms (max ${treeMs.max}), lineage ${lineageMs.median} ms`);

  const leafOk = await call(ctx, 'GET', '/v1/agents/me', undefined, seeded.leafKey);
  if (leafOk.status !== 200) throw new Error(`the leaf's key did not work before the kill switch: ${leafOk.status}`);
  const started = performance.now();
  const pulled = await call(ctx, 'POST', `/v1/agents/${rootId}/revoke-descendants`, { reason: 'bench' });
  const killSwitchResponseMs = Math.round(performance.now() - started);
  if (pulled.status !== 202) throw new Error(`kill switch answered ${pulled.status}`);
  const refused = await call(ctx, 'GET', '/v1/agents/me', undefined, seeded.leafKey);
  const leafRefusedAfterMs = Math.round(performance.now() - started);
  if (refused.status !== 401) throw new Error(`the leaf's key still worked after the 202: ${refused.status}`);
  for (;;) {
    const op = await call(ctx, 'GET', `/v1/agents/revocations/${pulled.body.operationId}`);
    if (op.body.status === 'COMPLETED') {
      if (op.body.revoked !== agents) throw new Error(`revoked ${op.body.revoked} of ${agents}`);
      break;
    }
    if (performance.now() - started > 10 * 60_000) throw new Error('the cascade did not complete in 10 minutes');
    await new Promise((r) => setTimeout(r, 100));
  }
  const cascadeSeconds = Number(((performance.now() - started) / 1000).toFixed(2));
  log(`genealogy: kill switch 202 in ${killSwitchResponseMs} ms, ${agents} agents revoked in ${cascadeSeconds} s`);
  return {
    agents,
    seedSeconds,
    treeMs,
    lineageMs,
    killSwitchResponseMs,
    leafRefusedAfterMs,
    cascadeSeconds,
    cascadeAgentsPerSec: Math.round(agents / cascadeSeconds),
    treeUnderGoal: treeMs.max < KILL_SWITCH_GOAL_MS && lineageMs.max < KILL_SWITCH_GOAL_MS,
  };
}

export function printKillSwitch(g: KillSwitchFigures): void {
  console.log(`\nAgent genealogy (${g.agents} agents, seeded in ${g.seedSeconds} s)`);
  console.log(
    `  tree          median ${g.treeMs.median} ms, max ${g.treeMs.max} ms (goal < ${KILL_SWITCH_GOAL_MS} ms: ${g.treeUnderGoal ? 'met' : 'MISSED'})`,
  );
  console.log(`  lineage       median ${g.lineageMs.median} ms, max ${g.lineageMs.max} ms`);
  console.log(
    `  kill switch   202 after ${g.killSwitchResponseMs} ms; a leaf refused ${g.leafRefusedAfterMs} ms after the request`,
  );
  console.log(
    `  cascade       every agent revoked and audited in ${g.cascadeSeconds} s (${g.cascadeAgentsPerSec} agents/s)`,
  );
}
