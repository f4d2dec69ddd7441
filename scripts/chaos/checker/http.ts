import type { RequestRecord } from '../history';
import { type Invariant, type Run, codeOf, duringFault, groupBy, percentile, verdict } from './model';

/** 503s that shed load (a bound on waiting for a resource), allowed outside faults on a busy machine. */
const SHEDDING = new Set(['pg_acquire', 'argon2', 'event_queue', 'bulk_queue', 'decision_buffer', 'access_log_buffer']);

/** Refusals a request of this traffic may get at all (anything else in 4xx is a wrong answer). */
const EXPECTED_4XX: Record<string, number[]> = {
  resolve: [404],
  approve: [409],
  reject: [409],
  'probe-switched': [401],
  'probe-old-key': [401],
  // The person's own click may have decided it while Temporal's answer was lost: the page then
  // reads the row and says "already used".
  'link-confirm': [410],
  'link-decline': [410],
  // Sent while its user is suppressed (the suppression invariant checks the code).
  'suppressed-event': [409],
};

/** A retry after a lost answer may find its own first attempt done: "already used", "already decided". */
const ALREADY_DONE = [400, 409, 410];

/** The bound a 503 names; Mira's envelope has no details, its pool refusal says so in words. */
const boundOf = (r: RequestRecord): string | undefined =>
  (r.answer as any)?.error?.details?.bound ??
  (/no database connection was free/.test((r.answer as any)?.error?.message ?? '') ? 'pg_acquire' : undefined);
const describe = (r: RequestRecord) => `#${r.id} ${r.op} ${r.method} ${r.path} → ${r.status ?? r.error} (${r.api})`;

/** No 5xx but a documented 503 with Retry-After during a fault; outside faults, only load shedding. */
export const serverErrors: Invariant = (run) => {
  const bad: string[] = [];
  let inFaults = 0;
  let shed = 0;
  for (const r of run.requests) {
    if (r.status === undefined || r.status < 500) continue;
    const documented = r.status === 503 && r.retryAfter !== undefined;
    if (documented && duringFault(run, r)) inFaults += 1;
    else if (documented && SHEDDING.has(boundOf(r) ?? '')) shed += 1;
    else
      bad.push(
        `${describe(r)} ${codeOf(r) ?? ''}${r.retryAfter ? '' : ' without Retry-After'}${duringFault(run, r) ? ' during a fault' : ' outside faults'}`,
      );
  }
  return verdict(
    'no 5xx but 503 + Retry-After in a fault',
    `${inFaults} in faults, ${shed} load shed outside, ${bad.length} other`,
    bad,
  );
};

/** Whether the chaos killed the API process that took the request while it was open. */
function ownProcessKilled(run: Run, r: RequestRecord): boolean {
  return run.procs.some((p) => p.name === r.api && p.event === 'kill' && p.at >= r.at - 50 && p.at <= r.end + 1000);
}

export const everyRequestAnswered: Invariant = (run) => {
  const bad: string[] = [];
  let excused = 0;
  for (const r of run.requests) {
    if (r.status !== undefined) continue;
    if (ownProcessKilled(run, r)) excused += 1;
    else bad.push(describe(r));
  }
  return verdict(
    'every request answered',
    `${run.requests.length} requests, ${excused} unanswered as their API process was killed, ${bad.length} other`,
    bad,
  );
};

export const noWrongRefusals: Invariant = (run) => {
  const bad: string[] = [];
  let refused = 0;
  for (const r of run.requests) {
    if (r.status === undefined || r.status < 400 || r.status >= 500) continue;
    refused += 1;
    if (EXPECTED_4XX[r.op]?.includes(r.status)) continue;
    if (r.attempt > 1 && ALREADY_DONE.includes(r.status)) continue;
    bad.push(`${describe(r)} ${codeOf(r) ?? JSON.stringify(r.answer ?? '').slice(0, 80)}`);
  }
  return verdict('no refusal a valid request should not get', `${refused} 4xx, ${bad.length} unexpected`, bad);
};

/** Processes die only when the chaos kills them: an exit on its own is a crash (the supervisor restarts it). */
export const noCrashes: Invariant = (run) => {
  const exits = run.procs.filter((p) => p.event === 'exit');
  const bad = exits.map(
    (p) => `${p.name} (pid ${p.pid ?? '?'}) exited on its own at +${p.at - (run.procs[0]?.at ?? p.at)} ms`,
  );
  const kills = run.procs.filter((p) => p.event === 'kill').length;
  return verdict(
    'no process died but those the chaos killed',
    `${kills} killed, ${exits.length} died on their own`,
    bad,
  );
};

/** p99 per operation outside fault windows: a report, not a verdict. */
export function latencies(run: Run): string[] {
  const calm = run.requests.filter((r) => r.status !== undefined && !duringFault(run, r));
  return [...groupBy(calm, (r) => r.op)]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([op, rs]) => {
      const ms = rs.map((r) => r.end - r.at);
      return `${op}: n=${rs.length} p50=${percentile(ms, 50)} ms p99=${percentile(ms, 99)} ms`;
    });
}
