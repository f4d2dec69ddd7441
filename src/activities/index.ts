import type { Db } from '../db/client';
import { createGenealogyActivities } from './genealogy';
import { createKeyActivities } from './keys';
import { createLinkActivities } from './links';
import { createMemberActivities } from './members';
import { createSmokeActivities } from './smoke';
import { createMiraMeetingActivities } from './mira/meeting';
import { type MiraActivityOptions, miraActivityOptions } from './mira/options';

/** Activities close over the database so tests and processes choose which one they use. */
export function createActivities(db: Db, mira: MiraActivityOptions = miraActivityOptions()) {
  return {
    ...createSmokeActivities(db),
    ...createKeyActivities(db),
    ...createLinkActivities(db),
    ...createGenealogyActivities(db),
    ...createMemberActivities(db),
    ...createMiraMeetingActivities(db, mira),
  };
}

export type Activities = ReturnType<typeof createActivities>;
