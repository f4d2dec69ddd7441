import type { RequestRecord } from '../history';
import { type Invariant, groupBy, succeeded, verdict } from './model';

/** marker → the event id its acknowledged answer named. */
function acknowledged(requests: RequestRecord[]): Map<string, string> {
  const acked = new Map<string, string>();
  for (const r of requests) {
    if (!succeeded(r)) continue;
    const markers = (r.sent?.markers ?? []) as string[];
    const answer = r.answer as any;
    if (r.op === 'event') acked.set(markers[0]!, answer.id);
    if (r.op === 'bulk') {
      for (const item of answer.results as { index: number; status: string; id?: string }[]) {
        if (item.status === 'accepted' && item.id) acked.set(markers[item.index]!, item.id);
      }
    }
  }
  return acked;
}

/** Every acknowledged event stored exactly once, as the id its answer named; nothing stored twice. */
export const eventsExactlyOnce: Invariant = (run, facts) => {
  const requests = run.requests.filter((r) => r.op === 'event' || r.op === 'bulk');
  const acked = acknowledged(requests);
  const stored = groupBy(
    facts.events.filter((e) => e.marker !== null),
    (e) => e.marker!,
  );
  const bad: string[] = [];
  for (const [marker, id] of acked) {
    const rows = stored.get(marker) ?? [];
    if (rows.length === 0) bad.push(`event ${marker} acknowledged as ${id}, not stored`);
    else if (rows.length === 1 && rows[0]!.id !== id)
      bad.push(`event ${marker} acknowledged as ${id}, stored as ${rows[0]!.id}`);
  }
  // Events of the data-rights flows, which their own invariants check (checker/rights.ts).
  const theirs = new Set(
    run.requests.filter((r) => r.op !== 'event' && r.op !== 'bulk').flatMap((r) => (r.sent?.markers ?? []) as string[]),
  );
  let unacked = 0;
  for (const [marker, rows] of stored) {
    if (rows.length > 1) bad.push(`event ${marker} stored ${rows.length} times (${rows.map((r) => r.id).join(', ')})`);
    if (!acked.has(marker) && !theirs.has(marker)) unacked += 1;
  }
  return verdict(
    'events stored exactly once',
    `${acked.size} acknowledged, ${stored.size} markers stored, ${unacked} stored without an answer seen`,
    bad,
  );
};

/** JSON with sorted keys: two answers are the same answer whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** The first answer as a replay shows it: a secret shown once (its fingerprint here) replays as null. */
function secretsShownOnce(first: unknown, replay: unknown): unknown {
  if (typeof first === 'string' && first.startsWith('fp:') && replay === null) return null;
  if (Array.isArray(first)) return first.map((v, i) => secretsShownOnce(v, (replay as unknown[] | undefined)?.[i]));
  if (first && typeof first === 'object') {
    const other = (replay ?? {}) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(first).map(([k, v]) => [k, secretsShownOnce(v, other[k])]));
  }
  return first;
}

/** Every successful answer to one Idempotency-Key is the first answer again (secrets shown once replay as null). */
export const replaysAnswerFirst: Invariant = (run) => {
  const keyed = run.requests.filter((r) => r.idem !== undefined && succeeded(r));
  const bad: string[] = [];
  let replayed = 0;
  for (const [key, answers] of groupBy(keyed, (r) => `${r.path} ${r.idem}`)) {
    if (answers.length < 2) continue;
    replayed += answers.length - 1;
    const [first, ...rest] = answers;
    for (const r of rest) {
      if (r.status !== first!.status || canonical(secretsShownOnce(first!.answer, r.answer)) !== canonical(r.answer)) {
        bad.push(
          `${key}: #${r.id} answered ${r.status} ${JSON.stringify(r.answer).slice(0, 80)}, first #${first!.id} ${first!.status}`,
        );
      }
    }
  }
  return verdict('replays answer the first answer', `${keyed.length} keyed successes, ${replayed} replays`, bad);
};

/** A user's stored event count (what resolve reads) is the number of its events. */
export const userCountsAgree: Invariant = (_run, facts) => {
  const bad = facts.userCounts
    .filter((u) => u.stored !== u.actual)
    .map((u) => `${u.userId}: count ${u.stored}, events ${u.actual}`);
  return verdict('user event counts match their events', `${facts.userCounts.length} partner users`, bad);
};

/** Every answered decision is in the decision log, unless lost with its API process in the documented window. */
export const decisionsLogged: Invariant = (run, facts) => {
  const logged = new Set(facts.decisionIds);
  const evaluations = run.requests.filter((r) => r.op === 'evaluate');
  const answered = evaluations.filter(succeeded);
  const bad: string[] = [];
  let excused = 0;
  for (const r of answered) {
    const id = (r.answer as any)?.decision_id as string;
    if (logged.has(id)) continue;
    if (lostWithItsProcess(run, r)) excused += 1;
    else bad.push(`decision ${id} (#${r.id}, ${r.api}) answered, not in the log`);
  }
  const answeredIds = new Set(answered.map((r) => (r.answer as any)?.decision_id));
  const unanswered = evaluations.filter((r) => !succeeded(r)).length;
  const extra = facts.decisionIds.filter((id) => !answeredIds.has(id)).length;
  if (extra > unanswered)
    bad.push(`${extra} logged decisions nobody was answered, only ${unanswered} evaluations unanswered`);
  return verdict(
    'decision-log rows = decisions answered',
    `${answered.length} answered, ${facts.decisionIds.length} rows, ${excused} lost with a killed API (documented flush window)`,
    bad,
  );
};

/**
 * Decisions are logged off the request path, flushed every 200 ms (longer while Postgres is down):
 * a crash loses what was not flushed. Excused: the answering process was killed within 2 s of the
 * answer, or before Postgres had been back for 2 s.
 */
function lostWithItsProcess(run: Parameters<Invariant>[0], r: RequestRecord): boolean {
  const kill = run.procs.find((p) => p.name === r.api && (p.event === 'kill' || p.event === 'exit') && p.at >= r.end);
  if (!kill) return false;
  const flushedBy = run.faults
    .filter((f) => f.kind === 'restart-postgres' && f.until >= r.end && f.at <= r.end + 2000)
    .reduce((t, f) => Math.max(t, f.until + 2000), r.end + 2000);
  return kill.at <= flushedBy;
}
