import type { Db } from '../../db/client';
import { findUnstartedMiraMeetings } from '../../db/queries/mira/meetings';
import { type Pipeline, startPipeline } from './meetings';

/** Meetings younger than this are left to the request that created them. */
const GRACE_MS = 5_000;
const BATCH = 100;

/**
 * The retry path for meetings whose workflow did not start (Temporal down when they arrived):
 * every `intervalMs` each API process starts the workflows of committed meetings that have none.
 * Several processes may pick the same meeting; the start is idempotent (REJECT_DUPLICATE on the
 * meeting's id), so the worst case is a second, refused start.
 */
export function runMeetingStarter(db: Db, pipeline: Pipeline, intervalMs: number): { stop(): void } {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const pending = await findUnstartedMiraMeetings(db, new Date(Date.now() - GRACE_MS), BATCH);
      for (const meeting of pending) {
        if (!(await startPipeline(db, pipeline, meeting))) break;
        pipeline.log.info({ meetingId: meeting.id }, 'mira meeting workflow started by the starter');
      }
    } catch (err) {
      pipeline.log.warn({ err }, 'mira meeting starter could not run');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
