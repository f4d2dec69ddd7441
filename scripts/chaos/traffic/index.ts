import type { Rng } from '../rng';
import { sleep } from '../stack/child';
import { type Flow, type TrafficContext, note } from './context';
import { bulkEvents, evaluate, resolveUser, singleEvent } from './events';
import { codeFlow, inviteFlow } from './links';
import { killSwitch, rotateKey, spawnWithApproval } from './agents';
import { miraMeeting, webhookChange } from './others';
import { deleteRegulation, erasureFlow, suppressCycle } from './rights';

/** The fixed mix, in flows started per hundred (a flow is one scenario: 1 to ~40 requests). */
const MIX = {
  event: 30,
  bulk: 10,
  resolve: 12,
  evaluate: 14,
  invite: 4,
  code: 3,
  spawn: 8,
  killSwitch: 1,
  rotate: 4,
  webhook: 1.5,
  meeting: 6,
  erasure: 2,
  deleteRegulation: 2,
  suppressCycle: 2,
};
const FLOWS: Record<keyof typeof MIX, (flow: Flow) => Promise<void>> = {
  event: singleEvent,
  bulk: bulkEvents,
  resolve: resolveUser,
  evaluate,
  invite: inviteFlow,
  code: codeFlow,
  spawn: spawnWithApproval,
  killSwitch,
  rotate: rotateKey,
  webhook: webhookChange,
  meeting: miraMeeting,
  erasure: erasureFlow,
  deleteRegulation,
  suppressCycle,
};

/** Flows already started get this long to finish once traffic stops (their retries included). */
const DRAIN_MS = 240_000;

/**
 * Starts flows at `perSecond` on average (seeded exponential gaps, an open system like real
 * partners) until `until`, at most `maxInFlight` at once; then waits for the started ones.
 */
export async function runTraffic(
  ctx: TrafficContext,
  rng: Rng,
  opts: { until: number; perSecond: number; maxInFlight: number },
): Promise<{ started: number; unfinished: number }> {
  const inFlight = new Set<Promise<void>>();
  let n = 0;
  while (Date.now() < opts.until) {
    await sleep(Math.min(2000, (-Math.log(1 - rng.next()) / opts.perSecond) * 1000));
    while (inFlight.size >= opts.maxInFlight) await Promise.race(inFlight);
    n += 1;
    const kind = rng.weighted(MIX);
    const flow: Flow = { ctx, id: `f${n}`, rng: rng.fork(n) };
    const run = FLOWS[kind](flow)
      .catch((err: unknown) => note(flow, 'flow-error', { kind, error: String(err) }))
      .finally(() => inFlight.delete(run));
    inFlight.add(run);
  }
  const drained = Promise.all(inFlight).then(() => true);
  const finished = await Promise.race([drained, sleep(DRAIN_MS).then(() => false)]);
  return { started: n, unfinished: finished ? 0 : inFlight.size };
}
