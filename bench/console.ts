import type postgres from 'postgres';
import { AGENT_KEY_PREFIX, issueSecret } from '../src/domain/keys';

/** Children per agent at each depth: 9 + 90 + 900 + 9,000 under one root, 10,000 agents in all. */
const FANOUT = [9, 10, 10, 10];
const SAMPLES = 7;
const PENDING_SPAWNS = 30;
const DECISIONS = 100_000;
export const CONSOLE_GOAL_MS = 300;

interface Setup {
  apiUrl: string;
  adminToken: string;
  sql: postgres.Sql;
}

export interface ConsoleFigures {
  agents: number;
  decisions: number;
  /** Each page: median and worst of SAMPLES GETs with the OWNER's session cookie, whole page received. */
  pages: { page: string; medianMs: number; maxMs: number; kb: number }[];
  underGoal: boolean;
}

async function call(url: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) {
  const res = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { 'content-type': 'application/json', ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${init.method ?? 'POST'} ${url}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as Record<string, unknown>;
}

/** A verified, logged-in person, and an organisation made for them as its OWNER. */
async function ownerAndOrg(s: Setup) {
  const email = `console-bench-${Date.now()}@example.com`;
  const password = 'correct horse battery';
  const admin = { authorization: `Bearer ${s.adminToken}` };
  await call(`${s.apiUrl}/v1/users/signup`, { body: { email, password } });
  let token: string | undefined;
  for (let i = 0; i < 100 && !token; i += 1) {
    const box = await call(`${s.apiUrl}/admin/outbox?to=${encodeURIComponent(email)}`, { headers: admin });
    token = /Token: (\S+)/.exec((box.messages as { text: string }[])[0]?.text ?? '')?.[1];
    if (!token) await new Promise((r) => setTimeout(r, 100));
  }
  await call(`${s.apiUrl}/v1/users/verify-email`, { body: { token, password } });
  const session = String((await call(`${s.apiUrl}/v1/users/login`, { body: { email, password } })).token);
  const org = await call(`${s.apiUrl}/admin/organizations`, {
    headers: admin,
    body: { name: 'Console bench', plan: 'enterprise', ownerEmail: email },
  });
  return { session, orgId: String(org.id), apiKey: String(org.apiKey) };
}

/** The family in SQL as the spawn endpoint writes it (ancestry, depth, root); every 10th leaf suspended. */
async function seedAgents(s: Setup, orgId: string, rootId: string) {
  let level = [{ id: rootId, ancestry: '' }];
  const ids: string[][] = [];
  for (let depth = 1; depth <= FANOUT.length; depth += 1) {
    const rows = level.flatMap((p, n) =>
      Array.from({ length: FANOUT[depth - 1]! }, (_, i) => ({
        id: `agent_console_${depth}_${n * FANOUT[depth - 1]! + i}`,
        organization_id: orgId,
        name: `console ${depth}.${n}.${i}`,
        type: 'SERVICE_ACCOUNT',
        status: depth === FANOUT.length && i === 0 ? 'SUSPENDED' : 'ACTIVE',
        // As jsonb arrays (a JSON.stringify'd value would be stored as a jsonb string).
        permissions: s.sql.json(['events:write']),
        allowed_event_types: s.sql.json([]),
        allowed_event_patterns: s.sql.json([]),
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
    for (let i = 0; i < rows.length; i += 2_000) await s.sql`insert into agents ${s.sql(rows.slice(i, i + 2_000))}`;
    ids.push(rows.map((r) => r.id));
    level = rows.map((r) => ({ id: r.id, ancestry: r.ancestry }));
  }
  await s.sql`vacuum (analyze) agents`;
  return ids;
}

/** A month of decision log in SQL: outcomes and reasons spread over the days. */
async function seedDecisions(s: Setup, orgId: string) {
  await s.sql`
    insert into policy_decisions (id, organization_id, actor_id, actor_type, action, decision, reasons, inputs, created_at)
    select 'dec_console_' || g, ${orgId}, 'agent_console_4_' || (g % 9000), 'agent', 'review.post',
      (array['allow','allow','allow','limit','step_up','deny'])[1 + g % 6],
      jsonb_build_array((array['actor_active','tier_met','tier_below_required','no_history','context_rule_matched'])[1 + g % 5]),
      '{}'::jsonb, now() - (g % 30) * interval '1 day' - (g % 86400) * interval '1 second'
    from generate_series(1, ${DECISIONS}) g`;
  await s.sql`analyze policy_decisions`;
}

async function timed(url: string, cookie: string) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < SAMPLES; i += 1) {
    const started = performance.now();
    const res = await fetch(url, { headers: { cookie }, redirect: 'manual' });
    const text = await res.text();
    times.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${text.slice(0, 300)}`);
    bytes = text.length;
  }
  times.sort((a, b) => a - b);
  return {
    medianMs: Math.round(times[Math.floor(SAMPLES / 2)]!),
    maxMs: Math.round(times[SAMPLES - 1]!),
    kb: Math.round(bytes / 1024),
  };
}

/**
 * Every console page of an organisation with 10,000 agents (four levels under one root), 30
 * spawn requests waiting, 100,000 decisions in the month and a webhook endpoint, through real
 * HTTP with the OWNER's session cookie.
 */
export async function benchConsole(s: Setup, log: (m: string) => void = console.log): Promise<ConsoleFigures> {
  const { session, orgId, apiKey } = await ownerAndOrg(s);
  const key = { 'x-api-key': apiKey };
  const root = await call(`${s.apiUrl}/v1/agents`, {
    headers: key,
    body: { name: 'Console root', type: 'SERVICE_ACCOUNT', preset: 'event_emitter' },
  });
  const rootId = String(root.id);
  const ids = await seedAgents(s, orgId, rootId);
  const agents = ids.flat().length + 1;
  await seedDecisions(s, orgId);
  const policy = { enabled: true, maxDepth: 5, requireApprovalFromDepth: 1, maxAgentsPerOrganization: 20_000 };
  await call(`${s.apiUrl}/portal/api/settings`, { method: 'PATCH', headers: key, body: { spawnPolicy: policy } });
  for (let i = 0; i < PENDING_SPAWNS; i += 1) {
    const parent = ids[1]![i % ids[1]!.length]!;
    await call(`${s.apiUrl}/v1/agents/${parent}/spawn`, {
      headers: key,
      body: { name: `waiting ${i}`, permissions: ['events:write'] },
    });
  }
  const hook = await call(`${s.apiUrl}/v1/webhooks`, {
    headers: key,
    body: { url: 'http://127.0.0.1:9/console-bench', eventTypes: ['*'] },
  });
  log(`console: ${agents} agents, ${DECISIONS} decisions, ${PENDING_SPAWNS} spawn requests waiting`);

  const base = `/console/orgs/${orgId}`;
  const mid = ids[1]![0]!;
  const paths = [
    '/console',
    `${base}/spawn-requests`,
    `${base}/agents`,
    `${base}/agents/tree`,
    `${base}/agents/${rootId}`,
    `${base}/agents/${mid}`,
    `${base}/agents/${rootId}/kill-switch`,
    `${base}/audit`,
    `${base}/members`,
    `${base}/webhooks`,
    `${base}/webhooks/${String(hook.id)}`,
    `${base}/decisions`,
    `${base}/settings`,
  ];
  const cookie = `mir_session=${session}`;
  const pages: ConsoleFigures['pages'] = [];
  for (const path of paths) {
    const figures = await timed(`${s.apiUrl}${path}`, cookie);
    const page = path
      .replace(base, '')
      .replace(rootId, ':root')
      .replace(mid, ':depth2')
      .replace(String(hook.id), ':id');
    pages.push({ page: page || '/console', ...figures });
    log(`console: ${page} median ${figures.medianMs} ms (max ${figures.maxMs}), ${figures.kb} kB`);
  }
  return { agents, decisions: DECISIONS, pages, underGoal: pages.every((p) => p.medianMs < CONSOLE_GOAL_MS) };
}

export function printConsole(c: ConsoleFigures): void {
  console.log(`\nConsole pages (${c.agents} agents, ${c.decisions} decisions; median of ${SAMPLES} GETs)`);
  for (const p of c.pages) {
    const mark = p.medianMs < CONSOLE_GOAL_MS ? '' : '  MISSED';
    console.log(
      `  ${p.page.padEnd(30)} median ${String(p.medianMs).padStart(4)} ms, max ${p.maxMs} ms, ${p.kb} kB${mark}`,
    );
  }
  console.log(`  goal < ${CONSOLE_GOAL_MS} ms each: ${c.underGoal ? 'met' : 'MISSED'}`);
}
