import { type LoadFigures, type LoadSettings, type LoadTarget, measurePair, round } from './load';

export const POLICY_GOAL_DECISIONS_PER_SEC = 25_000;

export interface PolicyFigures {
  /** MIR's single evaluations, then the bare primary-key read measured beside them. */
  evaluate: [LoadFigures, LoadFigures];
  bulk: { decisionsPerSec: number; decisions: number; errors: number; requests: number; seconds: number };
}

const ACTIONS = ['checkout.complete', 'message.send', 'review.post', 'payout.request', 'data.export_pii'];

/**
 * Single evaluations under concurrency (paired with a bare primary-key read), then 50-item bulk
 * requests from a few senders for a fixed time; actors rotate over users with and without history.
 */
export async function benchPolicy(
  apiUrl: string,
  apiKey: string,
  settings: LoadSettings,
  bulk: { concurrency: number; durationSec: number },
  bareRead: LoadTarget,
): Promise<PolicyFigures> {
  const headers = { 'x-api-key': apiKey };
  let n = 0;
  const evaluation = () => {
    n += 1;
    return {
      actor_id: `single-${n % 1000}`,
      action: ACTIONS[n % ACTIONS.length],
      context: { amount_usd: n % 700, is_first_order: n % 2 === 0 },
    };
  };
  const evaluate = await measurePair(
    { url: `${apiUrl}/policy/evaluate`, headers, body: () => JSON.stringify(evaluation()) },
    bareRead,
    settings,
  );

  let decisions = 0;
  let errors = 0;
  let requests = 0;
  const started = performance.now();
  const deadline = started + bulk.durationSec * 1000;
  const sender = async () => {
    while (performance.now() < deadline) {
      const res = await fetch(`${apiUrl}/policy/evaluate/bulk`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ evaluations: Array.from({ length: 50 }, evaluation) }),
      });
      requests += 1;
      const body = (await res.json()) as { summary?: { total: number; errors: number } };
      if (res.status !== 200 || !body.summary) throw new Error(`bulk evaluate answered ${res.status}`);
      decisions += body.summary.total - body.summary.errors;
      errors += body.summary.errors;
    }
  };
  await Promise.all(Array.from({ length: bulk.concurrency }, sender));
  const seconds = (performance.now() - started) / 1000;
  return {
    evaluate,
    bulk: { decisionsPerSec: round(decisions / seconds, 0), decisions, errors, requests, seconds: round(seconds) },
  };
}

export function printPolicy(p: PolicyFigures): void {
  const met = p.bulk.decisionsPerSec >= POLICY_GOAL_DECISIONS_PER_SEC ? 'met' : 'MISSED';
  console.log(
    `\nPolicy API bulk: ${p.bulk.decisionsPerSec} decisions/s in 50-item requests (goal ≥ ${POLICY_GOAL_DECISIONS_PER_SEC}: ${met})`,
  );
}
