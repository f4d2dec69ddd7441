import type { Db } from '../db/client';
import { createErasureActivities } from './erasure';
import { createExportActivities } from './exports';
import { createKillSwitchActivities } from './kill-switch';
import { createRegulationActivities } from './regulations';
import { createSpawnApprovalActivities } from './spawn-approval';
import { createKeyActivities } from './keys';
import { createLinkActivities } from './links';
import { createMemberActivities } from './members';
import { createSmokeActivities } from './smoke';
import { createWebhookActivities } from './webhooks';
import type { WebhookDeliveryOptions } from '../services/webhooks/options';
import { createMiraMeetingActivities } from './mira/meeting';
import { type MiraActivityOptions, miraActivityOptions } from './mira/options';
import type { MailQueueDeps } from '../services/mail-queue';

/**
 * Activities close over the database so tests and processes choose which one they use.
 * `webhooks`: the secret key and target policy; `mira`: the scorer and transcript limits. Each is
 * read from this process's environment when omitted. `mail`: how the process sends the mails its
 * activities queue, and its config (an export's TTL); without it the API's sweep of the mail
 * queue sends them.
 */
export function createActivities(
  db: Db,
  opts: { webhooks?: WebhookDeliveryOptions; mira?: MiraActivityOptions; mail?: MailQueueDeps } = {},
) {
  return {
    ...createSmokeActivities(db),
    ...createKeyActivities(db),
    ...createLinkActivities(db),
    ...createSpawnApprovalActivities(db),
    ...createKillSwitchActivities(db),
    ...createMemberActivities(db),
    ...createRegulationActivities(db, opts.mail),
    ...createErasureActivities(db),
    ...createExportActivities(db, opts.mail),
    ...createWebhookActivities(db, opts.webhooks),
    ...createMiraMeetingActivities(db, opts.mira ?? miraActivityOptions()),
  };
}

export type Activities = ReturnType<typeof createActivities>;
