import { call } from './http';
import { type LoadFigures, type LoadTarget, type Samples, hammer, round, summarize } from './load';

/** Connections sending other users' events, and how long each measured slice lasts. */
const CONNECTIONS = 10;
const SLICE_SEC = 2;
const SIDE_SEC = 6;
export const REGULATION_GOAL_RATIO = 0.9;

export interface RegulationFigures {
  events: number;
  /** From the regulation's creation to its completion, as the regulation row says. */
  deletionSeconds: number;
  deletedPerSec: number;
  /** POST /events of other users before and after the deletion (alike), and while it ran. */
  ingestAlone: LoadFigures;
  ingestDuring: LoadFigures;
  ratio: number;
  met: boolean;
}

interface Ctx {
  apiUrl: string;
  partnerKey: string;
  /** A user holding `events` events, every one of them to be deleted. */
  userId: string;
  events: number;
}

/**
 * A DELETE regulation of a user with a million events, while ten connections send events for
 * other users: how fast the deletion goes, and what share of its ingest rate the API keeps
 * meanwhile (measured against the same load just before and just after, half each).
 */
export async function benchRegulation(ctx: Ctx): Promise<RegulationFigures> {
  const headers = { 'x-api-key': ctx.partnerKey };
  let n = 0;
  const others: LoadTarget = {
    url: `${ctx.apiUrl}/events`,
    headers,
    body: () => JSON.stringify({ type: 'bench.event', userId: `bystander-${(n += 1) % 1000}` }),
  };
  await hammer(others, CONNECTIONS, 2);
  const alone: Samples[] = [await hammer(others, CONNECTIONS, SIDE_SEC / 2)];
  const started = await call(`${ctx.apiUrl}/v1/users/regulations`, {
    method: 'POST',
    headers,
    body: { type: 'DELETE', userIds: [ctx.userId] },
  });
  const url = `${ctx.apiUrl}/v1/users/regulations/${String(started.regulationId)}`;
  const during: Samples[] = [];
  let regulation = await call(url, { headers });
  while (regulation.status === 'RUNNING') {
    during.push(await hammer(others, CONNECTIONS, SLICE_SEC));
    regulation = await call(url, { headers });
  }
  if (regulation.status !== 'COMPLETED') throw new Error(`the regulation ended ${String(regulation.status)}`);
  if (regulation.counts.events !== ctx.events) {
    throw new Error(`the regulation deleted ${String(regulation.counts.events)} events of ${ctx.events}`);
  }
  // The last slice ran past the completion; it still counts as during (slightly flattering the deletion side).
  alone.push(await hammer(others, CONNECTIONS, SIDE_SEC / 2));
  const seconds = (Date.parse(regulation.completedAt) - Date.parse(regulation.createdAt)) / 1000;
  const ingestAlone = summarize(alone, {});
  const ingestDuring = summarize(during, {});
  const ratio = round(ingestDuring.requestsPerSec / ingestAlone.requestsPerSec);
  return {
    events: ctx.events,
    deletionSeconds: round(seconds, 1),
    deletedPerSec: Math.round(ctx.events / seconds),
    ingestAlone,
    ingestDuring,
    ratio,
    met: ratio >= REGULATION_GOAL_RATIO,
  };
}

export function printRegulation(r: RegulationFigures): void {
  console.log(`\nRegulation: DELETE of a ${r.events.toLocaleString('en-US')}-event user`);
  console.log(`  deletion      ${r.deletionSeconds} s (${r.deletedPerSec.toLocaleString('en-US')} events/s)`);
  console.log(
    `  other users   POST /events ${r.ingestDuring.requestsPerSec} req/s during it vs ${r.ingestAlone.requestsPerSec} ` +
      `without (${r.ratio}×, goal ≥ ${REGULATION_GOAL_RATIO}: ${r.met ? 'met' : 'MISSED'}); p99 ` +
      `${r.ingestDuring.p99Ms} vs ${r.ingestAlone.p99Ms} ms`,
  );
}
