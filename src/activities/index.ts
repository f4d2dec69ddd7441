import type { Db } from '../db/client';
import { createErasureActivities } from './erasure';
import { createKillSwitchActivities } from './kill-switch';
import { createSpawnApprovalActivities } from './spawn-approval';
import { createKeyActivities } from './keys';
import { createLinkActivities } from './links';
import { createMemberActivities } from './members';
import { createSmokeActivities } from './smoke';
import { createWebhookActivities } from './webhooks';
import type { WebhookDeliveryOptions } from '../services/webhooks/options';
import { createMiraMeetingActivities } from './mira/meeting';
import { type MiraActivityOptions, miraActivityOptions } from './mira/options';

/**
 * Activities close over the database so tests and processes choose which one they use.
 * `webhooks`: the secret key and target policy; `mira`: the scorer and transcript limits. Each is
 * read from this process's environment when omitted.
 */
export function createActivities(db: Db, opts: { webhooks?: WebhookDeliveryOptions; mira?: MiraActivityOptions } = {}) {
  return {
    ...createSmokeActivities(db),
    ...createKeyActivities(db),
    ...createLinkActivities(db),
    ...createSpawnApprovalActivities(db),
    ...createKillSwitchActivities(db),
    ...createMemberActivities(db),
    ...createErasureActivities(db),
    ...createWebhookActivities(db, opts.webhooks),
    ...createMiraMeetingActivities(db, opts.mira ?? miraActivityOptions()),
  };
}

export type Activities = ReturnType<typeof createActivities>;
