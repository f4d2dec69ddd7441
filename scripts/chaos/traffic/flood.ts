import type { Rng } from '../rng';
import { sleep } from '../stack/child';
import { type Flow, type TrafficContext, keyed } from './context';

const BURST = 200;

/** Refusals that promise nothing was stored: the same keyless event may be sent again. */
const nothingStored = (bound: unknown) => bound === 'event_queue' || bound === 'pg_acquire';

/**
 * The event queue filled past its bound: BURST keyless events at once at one API process (the
 * chaos runs them with MIR_EVENT_QUEUE_MAX=20). Each is sent again only after a 503 that promises
 * nothing was stored; a keyless event with a lost answer is never resent (it could be stored twice).
 */
export async function flood(ctx: TrafficContext, rng: Rng, api: string, label: string): Promise<string> {
  const org = rng.pick(ctx.orgs);
  let shed = 0;
  const one = async (i: number) => {
    const flow: Flow = { ctx, id: `${label}.${i}`, rng: rng.fork(i) };
    const call = {
      op: 'event',
      flow: flow.id,
      api,
      method: 'POST',
      path: '/events',
      headers: keyed(org.ownerKey),
      json: { type: 'flood.sent', userId: rng.pick(org.users), data: { chaos: flow.id } },
      sent: { org: org.id, markers: [flow.id] },
    };
    for (let attempt = 1; attempt <= 20; attempt += 1) {
      const answer = await ctx.client.send({ ...call, attempt });
      if (answer.status !== 503 || !nothingStored(answer.body?.error?.details?.bound)) return;
      shed += 1;
      await sleep(1000 + rng.int(0, 1000));
    }
  };
  await Promise.all(Array.from({ length: BURST }, (_, i) => one(i)));
  return `${BURST} events, ${shed} shed`;
}
