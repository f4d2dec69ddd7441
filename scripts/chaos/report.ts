import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../test/helpers/stack-process';
import { chartSvg } from './chart';
import { type Verdict, check, formatVerdicts } from './checker';
import type { Facts } from './facts';
import { type HistoryRecord, readHistory } from './history';

export const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts', 'chaos');

export interface RunSummary {
  seed: number;
  minutes: number;
  verdicts: Verdict[];
  text: string;
}

function summaryOf(history: HistoryRecord[], facts: Facts, seed: number, minutes: number) {
  const { verdicts, latencies } = check(history, facts);
  const faults = new Map<string, number>();
  for (const r of history) if (r.t === 'fault') faults.set(r.kind, (faults.get(r.kind) ?? 0) + 1);
  const requests = history.filter((r) => r.t === 'req').length;
  const faultCount = [...faults.values()].reduce((a, b) => a + b, 0);
  const failed = verdicts.filter((v) => !v.ok).length;
  const text = [
    `chaos: seed ${seed}, ${minutes} min, ${requests} requests checked`,
    `faults: ${[...faults].map(([k, n]) => `${k} ×${n}`).join(', ') || 'none'}`,
    formatVerdicts(verdicts),
    'p99 outside faults:',
    ...latencies.map((l) => `  ${l}`),
    failed === 0
      ? `chaos: passed (${verdicts.length} invariants; ${requests} requests, ${faultCount} faults, seed ${seed})`
      : `chaos: FAILED (${failed} of ${verdicts.length} invariants; seed ${seed})`,
  ].join('\n');
  return { verdicts, text };
}

/**
 * Checks the run, prints one line per invariant, writes the picture and the summary to
 * test-artifacts/chaos/, and on failure keeps there what a replay needs: history, facts,
 * receipts, every process's log and the seed, with the command that replays it.
 */
export function report(root: string, facts: Facts, seed: number, minutes: number): RunSummary {
  const historyFile = path.join(root, 'history.ndjson');
  writeFileSync(path.join(root, 'facts.json'), JSON.stringify(facts));
  const history = readHistory(historyFile);
  const { verdicts, text } = summaryOf(history, facts, seed, minutes);
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(path.join(ARTIFACTS, 'chaos.svg'), chartSvg(history, `chaos seed ${seed}, ${minutes} min`));
  writeFileSync(path.join(ARTIFACTS, 'summary.txt'), `${text}\n`);
  console.log(text);
  console.log(`picture: ${path.join(ARTIFACTS, 'chaos.svg')}`);
  if (verdicts.some((v) => !v.ok)) {
    for (const name of ['history.ndjson', 'facts.json', 'receipts.ndjson', 'logs']) {
      if (existsSync(path.join(root, name)))
        cpSync(path.join(root, name), path.join(ARTIFACTS, name), { recursive: true });
    }
    writeFileSync(path.join(ARTIFACTS, 'seed'), `${seed}\n`);
    console.log(`kept in ${ARTIFACTS}: history, facts, receipts, logs, seed`);
    console.log(`replay: npm run chaos -- --minutes ${minutes} --seed ${seed}`);
    console.log(`check again: npm run chaos -- --recheck ${ARTIFACTS}`);
  }
  return { seed, minutes, verdicts, text };
}

/** `--recheck <folder>`: the checker again over a kept history and facts (after changing the checker, say). */
export function recheck(folder: string): boolean {
  const history = readHistory(path.join(folder, 'history.ndjson'));
  const facts = JSON.parse(readFileSync(path.join(folder, 'facts.json'), 'utf8')) as Facts;
  const run = history.find((r) => r.t === 'run');
  const { verdicts, text } = summaryOf(history, facts, run?.seed ?? 0, run?.minutes ?? 0);
  console.log(text);
  return verdicts.every((v) => v.ok);
}
