import { round } from './load';

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
