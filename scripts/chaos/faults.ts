import type { FaultKind, FaultRecord, History } from './history';
import type { Rng } from './rng';
import { sleep } from './stack/child';
import type { ChaosStack } from './stack';
import type { Service } from './stack/service';

/** How often each fault is chosen. */
const WEIGHTS: Record<FaultKind, number> = {
  'kill-api': 3,
  'kill-worker': 3,
  'restart-postgres': 2,
  'kill-temporal': 2,
  'pause-temporal': 2,
  flood: 1,
};

/**
 * One fault at a time, 10–30 s after the previous one recovered, until `until` (the last minute
 * is left quiet so the system can settle). Each fault is recorded from its injection to the
 * moment its target answered again.
 */
export async function runFaults(
  stack: ChaosStack,
  history: History,
  rng: Rng,
  until: number,
  stopped: () => boolean,
  /** Fills one API process's event queue past its bound; says what came of it. */
  flood: (api: string, label: string) => Promise<string>,
): Promise<number> {
  let count = 0;
  const proc = (name: string, event: 'up' | 'kill' | 'stop' | 'cont', pid?: number) =>
    history.write({ t: 'proc', at: Date.now(), name, event, pid });
  for (;;) {
    const gap = rng.int(10_000, 30_000);
    if (Date.now() + gap >= until) return count;
    await sleep(gap);
    if (stopped()) return count;
    const kind = rng.weighted(WEIGHTS);
    const pause = rng.int(1000, 5000);
    const at = Date.now();
    let target =
      kind.endsWith('api') || kind === 'flood'
        ? 'api'
        : kind === 'kill-worker'
          ? 'worker'
          : kind.endsWith('postgres')
            ? 'postgres'
            : 'temporal';
    let detail: string | undefined;
    if (kind === 'kill-api' || kind === 'kill-worker') {
      const service = pickUp(rng, kind === 'kill-api' ? stack.apis : stack.workers);
      if (!service) continue;
      target = service.name;
      await service.kill();
      await sleep(pause);
      await service.start();
    } else if (kind === 'flood') {
      const service = pickUp(rng, stack.apis);
      if (!service) continue;
      target = service.name;
      detail = await flood(service.name, `flood${count + 1}`);
    } else if (kind === 'restart-postgres') {
      await stack.postgres.crash();
      proc('postgres', 'kill');
      await sleep(pause);
      await stack.postgres.start();
      proc('postgres', 'up');
    } else if (kind === 'kill-temporal') {
      proc('temporal', 'kill', stack.temporal.pid);
      stack.temporal.kill();
      await stack.temporal.whenExited();
      await sleep(pause);
      await stack.temporal.start();
      proc('temporal', 'up', stack.temporal.pid);
    } else {
      const frozen = rng.int(5000, 20_000);
      detail = `${frozen} ms`;
      proc('temporal', 'stop', stack.temporal.pid);
      stack.temporal.pause();
      await sleep(frozen);
      stack.temporal.resume();
      proc('temporal', 'cont', stack.temporal.pid);
    }
    count += 1;
    const record: FaultRecord = { t: 'fault', at, until: Date.now(), kind, target, ...(detail ? { detail } : {}) };
    history.write(record);
    console.log(`chaos: ${kind} ${target} (${Math.round((record.until - at) / 1000)} s)`);
  }
}

/** A process to kill, only while its twin is up: a fault never takes the whole tier down. */
function pickUp(rng: Rng, services: Service[]): Service | null {
  const up = services.filter((s) => s.up);
  return up.length === services.length ? rng.pick(up) : null;
}
