import type { Facts } from '../facts';
import type { FaultRecord, HistoryRecord, NoteRecord, ProcRecord, RequestRecord } from '../history';

/** One invariant's verdict: a line with its counts, and the first few violations by name. */
export interface Verdict {
  name: string;
  ok: boolean;
  counts: string;
  violations: string[];
}

export interface Run {
  requests: RequestRecord[];
  faults: FaultRecord[];
  procs: ProcRecord[];
  notes: NoteRecord[];
}

export type Invariant = (run: Run, facts: Facts) => Verdict;

export function indexHistory(history: HistoryRecord[]): Run {
  const run: Run = { requests: [], faults: [], procs: [], notes: [] };
  for (const r of history) {
    if (r.t === 'req') run.requests.push(r);
    else if (r.t === 'fault') run.faults.push(r);
    else if (r.t === 'proc') run.procs.push(r);
    else if (r.t === 'note') run.notes.push(r);
  }
  return run;
}

/** Builds a verdict from the violations found (at most ten are named). */
export function verdict(name: string, counts: string, violations: string[]): Verdict {
  return { name, ok: violations.length === 0, counts, violations: violations.slice(0, 10) };
}

/** After its target answers again, a fault still shows for this long: pools reconnect, workers poll again. */
export const FAULT_GRACE_MS = 15_000;

export const overlaps = (r: { at: number; end: number }, from: number, to: number) => r.at <= to && r.end >= from;

/** Whether the request ran while a fault was in force (or settling). */
export const duringFault = (run: Run, r: RequestRecord) =>
  run.faults.some((f) => overlaps(r, f.at, f.until + FAULT_GRACE_MS));

/** The answer's error code, for a JSON error body. */
export const codeOf = (r: RequestRecord): string | undefined => (r.answer as any)?.error?.code;

export const succeeded = (r: RequestRecord) => r.status !== undefined && r.status >= 200 && r.status < 300;

export function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
