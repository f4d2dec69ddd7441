import { type EventEmitter } from 'node:events';
import autocannon from 'autocannon';
import { type CpuGroup, addCpu, perRequest, sampleCpu } from './cpu';

export interface LoadSettings {
  connections: number;
  /** Measured seconds per target, split into `slices` runs. */
  durationSec: number;
  warmupSec: number;
  slices: number;
}

export interface LoadTarget {
  url: string;
  headers?: Record<string, string>;
  /** Default POST. */
  method?: 'GET' | 'POST';
  /** Called for every request, so each can carry a different user. */
  body?: () => string;
  /** Called for every request: a path (with query) replacing the URL's. */
  path?: () => string;
  /** Called for every request: headers added to `headers`, so each can act as a different agent. */
  requestHeaders?: () => Record<string, string>;
}

export interface LoadFigures {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  failed: number;
  seconds: number;
  /** CPU per answered request while this side was under load, by process (Linux). */
  cpuMicrosPerRequest?: Partial<Record<CpuGroup, number>>;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export const round = (n: number, digits = 2) => Number(n.toFixed(digits));

export interface Samples {
  latencies: number[];
  failed: number;
  seconds: number;
}

/** One autocannon run; keeps each 2xx latency. */
export async function hammer(target: LoadTarget, connections: number, durationSec: number): Promise<Samples> {
  const latencies: number[] = [];
  let failed = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        method: target.method ?? 'POST',
        connections,
        duration: durationSec,
        headers: { ...(target.body ? { 'content-type': 'application/json' } : {}), ...target.headers },
        requests: [
          {
            setupRequest: (req) => ({
              ...req,
              ...(target.body ? { body: target.body() } : {}),
              ...(target.path ? { path: target.path() } : {}),
              ...(target.requestHeaders ? { headers: { ...req.headers, ...target.requestHeaders() } } : {}),
            }),
          },
        ],
      },
      (err: unknown, res) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(res)),
    );
    // autocannon's own histogram has 1 ms buckets, too coarse for sub-10 ms latencies, so the
    // raw times are kept. The typings leave out the first argument, the client, hence the cast.
    (instance as EventEmitter).on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status >= 200 && status < 300) latencies.push(ms);
      else failed += 1;
    });
  });
  return { latencies, failed: failed + result.errors, seconds: result.duration };
}

export function summarize(runs: Samples[], cpu: Partial<Record<CpuGroup, number>>): LoadFigures {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const seconds = runs.reduce((sum, r) => sum + r.seconds, 0);
  return {
    requestsPerSec: round(latencies.length / seconds, 1),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    ok: latencies.length,
    failed: runs.reduce((sum, r) => sum + r.failed, 0),
    seconds: round(seconds),
    cpuMicrosPerRequest: perRequest(cpu, latencies.length),
  };
}

/**
 * Measures two targets that are to be compared, in alternating slices (A B, then B A, ...)
 * rather than one after the other: on a small shared machine, load from elsewhere comes and
 * goes over seconds, and slicing spreads it over both sides instead of skewing the ratio.
 * Each side gets a short unmeasured warm-up first, so JIT, pools and caches are warm alike.
 */
export async function measurePair(
  a: LoadTarget,
  b: LoadTarget,
  settings: LoadSettings,
): Promise<[LoadFigures, LoadFigures]> {
  const { connections, durationSec, warmupSec, slices } = settings;
  await hammer(a, connections, warmupSec);
  await hammer(b, connections, warmupSec);
  const runs: [Samples[], Samples[]] = [[], []];
  const cpu: [Partial<Record<CpuGroup, number>>, Partial<Record<CpuGroup, number>>] = [{}, {}];
  const slice = durationSec / slices;
  for (let i = 0; i < slices; i += 1) {
    const order = i % 2 === 0 ? [0, 1] : [1, 0];
    for (const side of order) {
      const before = sampleCpu();
      runs[side]!.push(await hammer(side === 0 ? a : b, connections, slice));
      addCpu(cpu[side]!, before, sampleCpu());
    }
  }
  const figures: [LoadFigures, LoadFigures] = [summarize(runs[0], cpu[0]), summarize(runs[1], cpu[1])];
  // Printed as it goes: a bench that fails later still shows what it measured.
  const cpuText = (f: LoadFigures) =>
    Object.entries(f.cpuMicrosPerRequest ?? {})
      .map(([group, micros]) => `${group} ${micros}`)
      .join(' ');
  const show = (f: LoadFigures) => `${f.requestsPerSec} req/s, p99 ${f.p99Ms} ms [µs CPU/req: ${cpuText(f)}]`;
  console.log(`  ${show(figures[0])}  |  ${show(figures[1])}`);
  for (const [i, target] of [a, b].entries()) {
    if (figures[i]!.ok === 0) throw new Error(`no 2xx answer from ${target.url} in ${durationSec} s`);
  }
  return figures;
}
