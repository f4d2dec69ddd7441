import { BASELINE_TITLE } from './baseline';
import { existsSync, readFileSync, readdirSync } from 'node:fs';

/**
 * CPU time by process while one side of a pair is under load, from /proc (Linux only; elsewhere
 * empty). Requests per second say how fast; this says where the time went: MIR's API process,
 * Postgres, the Temporal server, the baseline's process, or this one (the load generator).
 */
export type CpuGroup = 'api' | 'baseline' | 'postgres' | 'temporal' | 'bench' | 'other';
export type CpuSample = Map<number, { group: CpuGroup; seconds: number }>;

const TICKS_PER_SECOND = 100;

function groupOf(pid: number, comm: string): CpuGroup {
  if (pid === process.pid) return 'bench';
  if (comm === BASELINE_TITLE) return 'baseline';
  if (comm === 'postgres') return 'postgres';
  if (comm.startsWith('temporal')) return 'temporal';
  // The stack's Node processes (API and worker).
  if (comm === 'node' || comm.startsWith('MainThread')) return 'api';
  return 'other';
}

export function sampleCpu(): CpuSample {
  const sample: CpuSample = new Map();
  if (!existsSync('/proc/self/stat')) return sample;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const seconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
    sample.set(Number(entry), { group: groupOf(Number(entry), comm), seconds });
  }
  return sample;
}

/** Adds what each group used between two samples to `totals` (seconds). */
export function addCpu(totals: Partial<Record<CpuGroup, number>>, before: CpuSample, after: CpuSample): void {
  for (const [pid, { group, seconds }] of after) {
    const used = seconds - (before.get(pid)?.seconds ?? 0);
    if (used > 0) totals[group] = (totals[group] ?? 0) + used;
  }
}

/** Microseconds of CPU per answered request, by group, rounded; groups under 1 µs left out. */
export function perRequest(totals: Partial<Record<CpuGroup, number>>, requests: number) {
  const out: Partial<Record<CpuGroup, number>> = {};
  for (const [group, seconds] of Object.entries(totals) as [CpuGroup, number][]) {
    const micros = Math.round((seconds * 1e6) / Math.max(1, requests));
    if (micros >= 1) out[group] = micros;
  }
  return out;
}
