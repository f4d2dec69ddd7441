import autocannon from 'autocannon';
import { type LoadFigures, type LoadSettings, type LoadTarget, measurePair, round } from './load';

export const POLICY_GOAL_DECISIONS_PER_SEC = 25_000;

export interface PolicyFigures {
  /** MIR's single evaluations, then the bare primary-key read measured beside them. */
  evaluate: [LoadFigures, LoadFigures];
  bulk: { decisionsPerSec: number; decisions: number; errors: number; requests: number; seconds: number };
}

const SUMMARY = /^\{"summary":\{"total":(\d+),.*?"errors":(\d+)\}/;

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
  let refused = 0;
  const started = performance.now();
  // autocannon, as every other figure here: on two cores the load generator's own CPU is taken
  // from the server, and a fetch per request cost it several times autocannon's.
  await new Promise<autocannon.Result>((resolve, reject) =>
    autocannon(
      {
        url: `${apiUrl}/policy/evaluate/bulk`,
        method: 'POST',
        connections: bulk.concurrency,
        duration: bulk.durationSec,
        headers: { 'content-type': 'application/json', ...headers },
        requests: [
          {
            setupRequest: (req) => ({
              ...req,
              body: JSON.stringify({ evaluations: Array.from({ length: 50 }, evaluation) }),
            }),
            onResponse: (status: number, body: string) => {
              requests += 1;
              // The summary comes first: enough to count without parsing 50 answers.
              const summary = SUMMARY.exec(body.slice(0, 200));
              if (status !== 200 || !summary) {
                refused += 1;
                return;
              }
              decisions += Number(summary[1]) - Number(summary[2]);
              errors += Number(summary[2]);
            },
          },
        ],
      },
      (err: unknown, res) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(res)),
    ),
  );
  if (refused > 0) throw new Error(`bulk evaluate: ${refused} of ${requests} requests not answered 200`);
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
