import type { Db } from '../db/client';
import { createKeyActivities } from './keys';
import { createSmokeActivities } from './smoke';

/** Activities close over the database so tests and processes choose which one they use. */
export function createActivities(db: Db) {
  return {
    ...createSmokeActivities(db),
    ...createKeyActivities(db),
  };
}

export type Activities = ReturnType<typeof createActivities>;
