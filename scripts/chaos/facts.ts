import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import postgres from 'postgres';
import { Webhook } from 'standardwebhooks';

/**
 * What the system holds once it has settled, read from Postgres, Temporal's visibility and the
 * receiver's log: the second input of the checker (the first is the history). Plain data, so a
 * test can give the checker facts of its own.
 */
export interface Facts {
  now: number;
  events: { id: string; marker: string | null }[];
  /** A partner user's stored count against the events it has. */
  userCounts: { userId: string; stored: number; actual: number }[];
  spawnRequests: { id: string; childAgentId: string; status: string; expiresAt: number }[];
  agents: { id: string; status: string; keyHash: string | null; ancestry: string }[];
  revocations: { id: string; rootAgentId: string; status: string; total: number; revoked: number }[];
  /** `agent.revoked` audit rows per agent. */
  revocationAudits: { agentId: string; rows: number }[];
  rotations: { agentId: string; version: number; status: string }[];
  links: { organizationId: string; partnerUser: string; mirUserId: string; active: boolean }[];
  linkRequests: { id: string; kind: string; status: string; expiresAt: number }[];
  deliveries: { id: string; endpointId: string; messageId: string; status: string }[];
  receipts: { endpointId: string | null; webhookId: string; status: number; signed: boolean; bodyHash: string }[];
  meetings: { id: string; status: string; reports: number }[];
  decisionIds: string[];
  openWorkflows: { workflowId: string; type: string }[];
  /** MIR account ids that exist. */
  accounts: string[];
  /** `completed`: cancelled, or erased with its notices delivered. */
  erasures: { id: string; status: string; completed: boolean }[];
  regulations: { id: string; type: string; status: string }[];
}

type Row = Record<string, any>;

async function fromPostgres(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    const q = (text: string) => sql.unsafe<Row[]>(text);
    return {
      events: await q(`select id, data->>'chaos' as marker from events`),
      userCounts: await q(
        `select u.id, u.event_count::int as stored, (select count(*)::int from events e where e.partner_user_id = u.id) as actual from partner_users u`,
      ),
      spawnRequests: await q(`select id, child_agent_id, status, expires_at from agent_spawn_requests`),
      agents: await q(`select id, status, key_hash, ancestry from agents`),
      revocations: await q(`select id, root_agent_id, status, total, revoked from agent_revocation_operations`),
      revocationAudits: await q(
        `select target_id, count(*)::int as rows from audit_log where action = 'agent.revoked' group by target_id`,
      ),
      rotations: await q(`select agent_id, version, status from agent_key_rotations`),
      links: await q(
        `select l.organization_id, u.external_id, l.mir_user_id, l.unlinked_at is null as active from partner_links l join partner_users u on u.id = l.partner_user_id`,
      ),
      linkRequests: await q(`select id, kind, status, expires_at from link_requests`),
      deliveries: await q(`select id, endpoint_id, message_id, status from webhook_deliveries`),
      meetings: await q(
        `select m.id, m.status, (select count(*)::int from mira_reports r where r.meeting_id = m.id) as reports from mira_meetings m`,
      ),
      decisions: await q(`select id from policy_decisions`),
      accounts: await q(`select id from mir_users`),
      erasures: await q(`select id, status, completed_at is not null as completed from account_erasures`),
      regulations: await q(`select id, type, status from user_regulations`),
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Every receipt, its signature checked with the `standardwebhooks` package against every secret the endpoint was given. */
function receiptsOf(file: string, endpoints: Map<string, string>, secrets: Map<string, string[]>): Facts['receipts'] {
  let lines: string[];
  try {
    lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
  return lines.map((line) => {
    const r = JSON.parse(line) as {
      path: string;
      id: string;
      timestamp: string;
      signature: string;
      body: string;
      status: number;
    };
    const endpointId = endpoints.get(String(r.path).split('/').pop() ?? '') ?? null;
    const sent = String(r.signature ?? '').split(' ');
    const signed = (secrets.get(endpointId ?? '') ?? []).some((secret) =>
      sent.includes(new Webhook(secret).sign(r.id, new Date(Number(r.timestamp) * 1000), r.body)),
    );
    return {
      endpointId,
      webhookId: r.id,
      status: r.status,
      signed,
      bodyHash: createHash('sha256').update(r.body).digest('hex').slice(0, 16),
    };
  });
}

async function openWorkflows(address: string): Promise<Facts['openWorkflows']> {
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection });
    const open: Facts['openWorkflows'] = [];
    for await (const wf of client.workflow.list({ query: 'ExecutionStatus="Running"' })) {
      open.push({ workflowId: wf.workflowId, type: wf.type });
    }
    return open;
  } finally {
    await connection.close();
  }
}

export async function gatherFacts(opts: {
  databaseUrl: string;
  temporalAddress: string;
  receiptsFile: string;
  /** Receiver path label → endpoint id. */
  endpoints: Map<string, string>;
  secrets: Map<string, string[]>;
}): Promise<Facts> {
  const db = await fromPostgres(opts.databaseUrl);
  const ms = (d: Date | string) => new Date(d).getTime();
  return {
    now: Date.now(),
    events: db.events.map((r) => ({ id: r.id, marker: r.marker })),
    userCounts: db.userCounts.map((r) => ({ userId: r.id, stored: r.stored, actual: r.actual })),
    spawnRequests: db.spawnRequests.map((r) => ({
      id: r.id,
      childAgentId: r.child_agent_id,
      status: r.status,
      expiresAt: ms(r.expires_at),
    })),
    agents: db.agents.map((r) => ({ id: r.id, status: r.status, keyHash: r.key_hash, ancestry: r.ancestry })),
    revocations: db.revocations.map((r) => ({
      id: r.id,
      rootAgentId: r.root_agent_id,
      status: r.status,
      total: r.total,
      revoked: r.revoked,
    })),
    revocationAudits: db.revocationAudits.map((r) => ({ agentId: r.target_id, rows: r.rows })),
    rotations: db.rotations.map((r) => ({ agentId: r.agent_id, version: r.version, status: r.status })),
    links: db.links.map((r) => ({
      organizationId: r.organization_id,
      partnerUser: r.external_id,
      mirUserId: r.mir_user_id,
      active: r.active,
    })),
    linkRequests: db.linkRequests.map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      expiresAt: ms(r.expires_at),
    })),
    deliveries: db.deliveries.map((r) => ({
      id: r.id,
      endpointId: r.endpoint_id,
      messageId: r.message_id,
      status: r.status,
    })),
    receipts: receiptsOf(opts.receiptsFile, opts.endpoints, opts.secrets),
    meetings: db.meetings.map((r) => ({ id: r.id, status: r.status, reports: r.reports })),
    decisionIds: db.decisions.map((r) => r.id as string),
    openWorkflows: await openWorkflows(opts.temporalAddress),
    accounts: db.accounts.map((r) => r.id as string),
    erasures: db.erasures.map((r) => ({ id: r.id, status: r.status, completed: r.completed })),
    regulations: db.regulations.map((r) => ({ id: r.id, type: r.type, status: r.status })),
  };
}
