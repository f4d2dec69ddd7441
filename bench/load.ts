import { type EventEmitter } from 'node:events';
import autocannon from 'autocannon';

export interface LoadSettings {
  connections: number;
  durationSec: number;
  warmupSec: number;
}

export interface LoadTarget {
  url: string;
  headers?: Record<string, string>;
  /** Called for every request, so each can carry a different user. */
  body: () => string;
}

export interface LoadFigures {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  failed: number;
  seconds: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

const round = (n: number, digits = 2) => Number(n.toFixed(digits));

/** p50/p99 and 2xx per second of one autocannon run. */
async function hammer(target: LoadTarget, connections: number, durationSec: number): Promise<LoadFigures> {
  const latencies: number[] = [];
  let failed = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        method: 'POST',
        connections,
        duration: durationSec,
        headers: { 'content-type': 'application/json', ...target.headers },
        requests: [{ setupRequest: (req) => ({ ...req, body: target.body() }) }],
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
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSec: round(latencies.length / result.duration, 1),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    ok: latencies.length,
    failed: failed + result.errors,
    seconds: round(result.duration),
  };
}

/** A short unmeasured run first, so JIT, pools and caches are warm on both sides alike. */
export async function measure(target: LoadTarget, settings: LoadSettings): Promise<LoadFigures> {
  await hammer(target, settings.connections, settings.warmupSec);
  const figures = await hammer(target, settings.connections, settings.durationSec);
  if (figures.ok === 0) throw new Error(`no 2xx answer from ${target.url} in ${settings.durationSec} s`);
  return figures;
}

export interface BulkFigures {
  eventsPerSec: number;
  accepted: number;
  rejected: number;
  requests: number;
  failedRequests: number;
  concurrency: number;
  batchSize: number;
  seconds: number;
  firstFailure: string | null;
}

/**
 * Full batches from a few concurrent senders. Every batch spreads its events over users of its
 * own: batches that shared users would queue on the same partner_users row locks, which measures
 * contention, not throughput.
 */
export async function bulkLoad(
  url: string,
  apiKey: string,
  opts: { concurrency: number; durationSec: number; batchSize: number; usersPerBatch: number },
): Promise<BulkFigures> {
  let batchNo = 0;
  let accepted = 0;
  let rejected = 0;
  let requests = 0;
  let failedRequests = 0;
  let firstFailure: string | null = null;
  const started = performance.now();
  const deadline = started + opts.durationSec * 1000;

  async function sender() {
    while (performance.now() < deadline) {
      const batch = (batchNo += 1);
      const events = Array.from({ length: opts.batchSize }, (_, i) => ({
        type: 'bench.event',
        userId: `bulk-${batch}-${i % opts.usersPerBatch}`,
      }));
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
        body: JSON.stringify({ events }),
      });
      const text = await res.text();
      requests += 1;
      if (res.status !== 200) {
        failedRequests += 1;
        firstFailure ??= `${res.status} ${text.slice(0, 200)}`;
        continue;
      }
      const { summary } = JSON.parse(text) as { summary: { accepted: number; errors: number } };
      accepted += summary.accepted;
      rejected += summary.errors;
    }
  }

  await Promise.all(Array.from({ length: opts.concurrency }, sender));
  const seconds = (performance.now() - started) / 1000;
  if (accepted === 0) throw new Error(`bulk: no event accepted; first failure: ${firstFailure ?? 'none'}`);
  const { concurrency, batchSize } = opts;
  const eventsPerSec = round(accepted / seconds, 0);
  return {
    eventsPerSec,
    accepted,
    rejected,
    requests,
    failedRequests,
    concurrency,
    batchSize,
    seconds: round(seconds),
    firstFailure,
  };
}
