import type { Db } from '../db/client';
import { createSmokeActivities } from './smoke';

/** Activities close over the database so tests and processes choose which one they use. */
export function createActivities(db: Db) {
  return {
    ...createSmokeActivities(db),
  };
}

export type Activities = ReturnType<typeof createActivities>;
