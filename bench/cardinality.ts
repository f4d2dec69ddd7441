import { round } from './load';

/**
 * Bulk ingestion at a given number of distinct users, beside the bare multi-row INSERT of the
 * baseline, in alternating slices. Each event's user is drawn from a pool of `users`: at ten users
 * every batch shares them all (row-lock contention on the per-user aggregates), at a million
 * nearly every user is new (inserts of users and index growth).
 */
export interface CardinalitySettings {
  users: number;
  senders: number;
  batchSize: number;
  /** Seconds per side, split into `slices` alternating slices. */
  durationSec: number;
  slices: number;
}

export interface SideFigures {
  eventsPerSec: number;
  accepted: number;
  requests: number;
  /** Answers by status other than 200, e.g. {"503": 3}. */
  non2xx: Record<string, number>;
  p99Ms: number;
  firstFailure: string | null;
}

export interface CardinalityRow {
  users: number;
  settings: CardinalitySettings;
  mir: SideFigures;
  baseline: SideFigures;
  ratio: number;
}

interface Target {
  url: string;
  headers?: Record<string, string>;
}

class Side {
  accepted = 0;
  requests = 0;
  seconds = 0;
  non2xx: Record<string, number> = {};
  latencies: number[] = [];
  firstFailure: string | null = null;

  figures(): SideFigures {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const p99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0;
    return {
      eventsPerSec: round(this.accepted / Math.max(this.seconds, 0.001), 0),
      accepted: this.accepted,
      requests: this.requests,
      non2xx: this.non2xx,
      p99Ms: round(p99),
      firstFailure: this.firstFailure,
    };
  }
}

/** Distinct per call, so a row's "new users" are new even when the bench runs twice on one stack. */
let runNo = 0;

export async function sendFor(target: Target, side: Side, s: CardinalitySettings, seconds: number, prefix: string) {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  async function sender() {
    while (performance.now() < deadline) {
      const events = Array.from({ length: s.batchSize }, () => ({
        type: 'bench.event',
        userId: `${prefix}-${Math.floor(Math.random() * s.users)}`,
      }));
      const t0 = performance.now();
      let res: Response;
      let text: string;
      try {
        res = await fetch(target.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...target.headers },
          body: JSON.stringify({ events }),
        });
        text = await res.text();
      } catch (err) {
        // A connection that failed is an answer that was not 200: counted, and the run goes on.
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        side.requests += 1;
        side.non2xx.network = (side.non2xx.network ?? 0) + 1;
        side.firstFailure ??= `network ${cause?.code ?? cause?.message ?? String(err)}`;
        continue;
      }
      side.latencies.push(performance.now() - t0);
      side.requests += 1;
      if (res.status !== 200) {
        side.non2xx[res.status] = (side.non2xx[res.status] ?? 0) + 1;
        side.firstFailure ??= `${res.status} ${text.slice(0, 200)}`;
        continue;
      }
      side.accepted += (JSON.parse(text) as { summary: { accepted: number } }).summary.accepted;
    }
  }
  await Promise.all(Array.from({ length: s.senders }, sender));
  side.seconds += (performance.now() - started) / 1000;
}

export async function bulkAtCardinality(mir: Target, baseline: Target, s: CardinalitySettings): Promise<CardinalityRow> {
  const prefix = `card${(runNo += 1)}-${Date.now().toString(36)}-${s.users}`;
  const sides = { mir: new Side(), baseline: new Side() };
  const slice = s.durationSec / s.slices;
  for (let i = 0; i < s.slices; i += 1) {
    await sendFor(mir, sides.mir, s, slice, prefix);
    await sendFor(baseline, sides.baseline, s, slice, prefix);
  }
  const m = sides.mir.figures();
  const b = sides.baseline.figures();
  return { users: s.users, settings: s, mir: m, baseline: b, ratio: round(m.eventsPerSec / Math.max(1, b.eventsPerSec)) };
}

export { Side };

export function printCardinality(rows: CardinalityRow[]) {
  for (const r of rows) {
    const fail = Object.entries(r.mir.non2xx).map(([k, v]) => `${v}× ${k}`).join(', ') || 'none';
    console.log(
      `  ${r.users.toLocaleString('en-US').padStart(9)} users  MIR ${r.mir.eventsPerSec.toLocaleString('en-US')} events/s ` +
        `(p99 ${r.mir.p99Ms} ms)  |  bare INSERT ${r.baseline.eventsPerSec.toLocaleString('en-US')} events/s  ` +
        `${r.ratio}×  non-2xx: ${fail}`,
    );
    if (r.mir.firstFailure) console.log(`    first failure: ${r.mir.firstFailure}`);
  }
}

/** The rows of `npm run bench` (and of `npm run bench -- cardinality` alone). */
export const CARDINALITY_GOALS = { non2xx: 0, minEventsPerSecAtMillion: 30_000 } as const;

export async function cardinalityRows(apiUrl: string, headers: Record<string, string>, baselineUrl: string) {
  const rows: CardinalityRow[] = [];
  for (const users of [10, 10_000, 1_000_000]) {
    console.log(`  ${users.toLocaleString('en-US')} distinct users: 8 senders × 500 events, 12 s each side in 4 slices`);
    rows.push(
      await bulkAtCardinality(
        { url: `${apiUrl}/events/bulk`, headers },
        { url: `${baselineUrl}/events/bulk` },
        { users, senders: 8, batchSize: 500, durationSec: 12, slices: 4 },
      ),
    );
  }
  const million = rows[rows.length - 1]!;
  const failures = rows.reduce((n, r) => n + Object.values(r.mir.non2xx).reduce((a, b) => a + b, 0), 0);
  return {
    rows,
    goals: CARDINALITY_GOALS,
    met: {
      non2xx: failures <= CARDINALITY_GOALS.non2xx,
      eventsPerSecAtMillion: million.mir.eventsPerSec >= CARDINALITY_GOALS.minEventsPerSecAtMillion,
    },
  };
}
