import type { LoadFigures } from './load';

/** A goal is a ratio to the baseline measured beside it in the same run, never an absolute time. */
export interface RatioGoal {
  /** MIR's requests/s at least this times the baseline's. */
  minThroughputRatio?: number;
  /** MIR's p99 at most this times the baseline's. */
  maxP99Ratio?: number;
}

export interface Comparison {
  figure: string;
  baselineName: string;
  mir: LoadFigures;
  baseline: LoadFigures;
  throughputRatio: number;
  p99Ratio: number;
  goal: RatioGoal;
  met: boolean;
}

const ratio = (a: number, b: number) => Number((a / b).toFixed(2));

export function compare(
  figure: string,
  baselineName: string,
  [mir, baseline]: [LoadFigures, LoadFigures],
  goal: RatioGoal,
): Comparison {
  const throughputRatio = ratio(mir.requestsPerSec, baseline.requestsPerSec);
  const p99Ratio = ratio(mir.p99Ms, baseline.p99Ms);
  const met =
    (goal.minThroughputRatio === undefined || throughputRatio >= goal.minThroughputRatio) &&
    (goal.maxP99Ratio === undefined || p99Ratio <= goal.maxP99Ratio);
  return { figure, baselineName, mir, baseline, throughputRatio, p99Ratio, goal, met };
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const times = (n: number) => `${n.toFixed(2)}×`;
const yes = (met: boolean) => (met ? 'yes' : 'NO');

/** Two rows per comparison: throughput, then p99, each with MIR, baseline, ratio and goal. */
export function comparisonRows(comparisons: Comparison[]): string[][] {
  return comparisons.flatMap((c) => {
    const { minThroughputRatio: minRps, maxP99Ratio: maxP99 } = c.goal;
    const rpsMet = minRps === undefined || c.throughputRatio >= minRps;
    const p99Met = maxP99 === undefined || c.p99Ratio <= maxP99;
    return [
      [
        `${c.figure} requests/s`,
        int(c.mir.requestsPerSec),
        int(c.baseline.requestsPerSec),
        times(c.throughputRatio),
        minRps === undefined ? '' : `≥ ${times(minRps)} ${c.baselineName}`,
        minRps === undefined ? '' : yes(rpsMet),
      ],
      [
        `${c.figure} p99`,
        `${c.mir.p99Ms.toFixed(2)} ms`,
        `${c.baseline.p99Ms.toFixed(2)} ms`,
        times(c.p99Ratio),
        maxP99 === undefined ? '' : `≤ ${times(maxP99)} ${c.baselineName}`,
        maxP99 === undefined ? '' : yes(p99Met),
      ],
    ];
  });
}

export function failureLines(comparisons: Comparison[]): string[] {
  return comparisons.flatMap((c) => [
    ...(c.mir.failed ? [`${c.figure}: ${c.mir.failed} non-2xx/errors`] : []),
    ...(c.baseline.failed ? [`${c.figure} (${c.baselineName}): ${c.baseline.failed} non-2xx/errors`] : []),
  ]);
}
