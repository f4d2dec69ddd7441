import type { Facts } from '../facts';
import { type Invariant, codeOf, succeeded, verdict } from './model';

/** Every approved spawn has exactly one agent, every rejected or expired none, none pending past its deadline. */
export const spawnsDecidedOnce: Invariant = (run, facts) => {
  const agents = new Set(facts.agents.map((a) => a.id));
  const requests = new Map(facts.spawnRequests.map((s) => [s.id, s]));
  const bad: string[] = [];
  for (const s of facts.spawnRequests) {
    const hasAgent = agents.has(s.childAgentId);
    if (s.status === 'APPROVED' && !hasAgent) bad.push(`${s.id} APPROVED without its agent ${s.childAgentId}`);
    if ((s.status === 'REJECTED' || s.status === 'EXPIRED') && hasAgent)
      bad.push(`${s.id} ${s.status} but agent ${s.childAgentId} exists`);
    if (s.status === 'PENDING_APPROVAL' && s.expiresAt < facts.now) bad.push(`${s.id} still pending past its deadline`);
  }
  let decided = 0;
  for (const r of run.requests.filter((q) => q.op === 'approve' || q.op === 'reject')) {
    const id = r.sent?.spawnRequestId as string;
    const answered = succeeded(r)
      ? (r.answer as any)?.spawnRequest?.status
      : codeOf(r) === 'invalid_state'
        ? (r.answer as any)?.error?.details?.status
        : undefined;
    if (!answered) continue;
    decided += 1;
    const now = requests.get(id)?.status;
    if (answered !== now)
      bad.push(`${r.op} of ${id} answered ${answered} (#${r.id}), the request is ${now ?? 'missing'}`);
  }
  for (const r of run.requests.filter((q) => q.op === 'spawn' && q.status === 202)) {
    const id = (r.answer as any).spawnRequestId as string;
    if (!requests.has(id)) bad.push(`spawn request ${id} answered 202, not stored`);
  }
  const by = (status: string) => facts.spawnRequests.filter((s) => s.status === status).length;
  return verdict(
    'spawns: approved one agent, rejected or expired none',
    `${facts.spawnRequests.length} requests (${by('APPROVED')} approved, ${by('REJECTED')} rejected, ${by('EXPIRED')} expired, ${by('PENDING_APPROVAL')} pending), ${decided} decisions answered`,
    bad,
  );
};

const familyOf = (facts: Facts, rootId: string) =>
  facts.agents.filter((a) => a.id === rootId || a.ancestry.includes(`${rootId}/`));

/** Every kill switch that answered 202 is COMPLETED, its family revoked with no key, one audit row per agent. */
export const killSwitchesComplete: Invariant = (run, facts) => {
  const operations = new Map(facts.revocations.map((o) => [o.id, o]));
  const audits = new Map(facts.revocationAudits.map((a) => [a.agentId, a.rows]));
  const bad: string[] = [];
  const switched = run.requests.filter((r) => r.op === 'kill-switch' && r.status === 202);
  const seen = new Set<string>();
  let agentsChecked = 0;
  for (const r of switched) {
    const { operationId, rootAgentId } = r.answer as { operationId: string; rootAgentId: string };
    if (seen.has(operationId)) continue;
    seen.add(operationId);
    const op = operations.get(operationId);
    if (op?.status !== 'COMPLETED') bad.push(`${operationId} answered 202, is ${op?.status ?? 'missing'}`);
    for (const agent of familyOf(facts, rootAgentId)) {
      agentsChecked += 1;
      if (agent.status !== 'REVOKED' || agent.keyHash !== null)
        bad.push(`${agent.id} of ${operationId}: ${agent.status}, key ${agent.keyHash ? 'kept' : 'gone'}`);
      if ((audits.get(agent.id) ?? 0) !== 1)
        bad.push(`${agent.id} of ${operationId}: ${audits.get(agent.id) ?? 0} agent.revoked audit rows`);
    }
  }
  for (const [agentId, rows] of audits)
    if (rows > 1 && !bad.some((b) => b.startsWith(agentId))) bad.push(`${agentId}: ${rows} agent.revoked audit rows`);
  const probes = run.requests.filter((r) => r.op === 'probe-switched' && r.status !== undefined && r.status < 500);
  for (const p of probes)
    if (p.status !== 401)
      bad.push(`key of ${p.sent?.agentId} answered ${p.status} after its switch ${p.sent?.operationId} answered 202`);
  return verdict(
    'kill switches: completed, family revoked once, no usable key',
    `${seen.size} switches, ${agentsChecked} agents, ${probes.length} keys tried after the 202`,
    bad,
  );
};

const fp = (keyHash: string | null) => (keyHash ? `fp:${keyHash.slice(0, 16)}` : null);

/**
 * Every rotation left exactly one usable key: the one it answered; the old one refused at once.
 * (A rotation left PENDING by a failed request is dead after 60 s by design and never applied.)
 */
export const rotationsLeaveOneKey: Invariant = (run, facts) => {
  const agents = new Map(facts.agents.map((a) => [a.id, a]));
  const bad: string[] = [];
  const latest = new Map<string, { key: string; at: number }>();
  for (const n of run.notes.filter((x) => x.kind === 'agent-key'))
    latest.set(n.data.agentId as string, { key: n.data.key as string, at: n.at });
  for (const [agentId, known] of latest) {
    const agent = agents.get(agentId);
    const lostAnswer = run.requests.some(
      (r) =>
        r.op === 'rotate' &&
        r.sent?.agentId === agentId &&
        r.at > known.at &&
        succeeded(r) &&
        !(r.answer as any)?.apiKey,
    );
    if (!agent?.keyHash) bad.push(`${agentId}: no usable key`);
    else if (!lostAnswer && fp(agent.keyHash) !== known.key)
      bad.push(`${agentId}: its key is not the one the last rotation answered`);
  }
  const probes = run.requests.filter(
    (r) => r.op.startsWith('probe-') && r.op.endsWith('-key') && r.status !== undefined && r.status < 500,
  );
  for (const p of probes) {
    const expected = p.op === 'probe-new-key' ? 200 : 401;
    if (p.status !== expected) bad.push(`${p.op} of ${p.sent?.agentId} answered ${p.status} (#${p.id})`);
  }
  const rotated = run.requests.filter((r) => r.op === 'rotate' && succeeded(r)).length;
  return verdict(
    'rotations leave exactly one usable key',
    `${latest.size} agents, ${rotated} rotations answered, ${probes.length} keys tried`,
    bad,
  );
};
