import type { Db } from '../db/client';
import { createGenealogyActivities } from './genealogy';
import { createKeyActivities } from './keys';
import { createLinkActivities } from './links';
import { createMemberActivities } from './members';
import { createSmokeActivities } from './smoke';
import { createWebhookActivities } from './webhooks';
import type { WebhookDeliveryOptions } from '../services/webhooks/options';

/**
 * Activities close over the database so tests and processes choose which one they use.
 * `webhooks`: the secret key and target policy; read from this process's environment when omitted.
 */
export function createActivities(db: Db, webhooks?: WebhookDeliveryOptions) {
  return {
    ...createSmokeActivities(db),
    ...createKeyActivities(db),
    ...createLinkActivities(db),
    ...createGenealogyActivities(db),
    ...createMemberActivities(db),
    ...createWebhookActivities(db, webhooks),
  };
}

export type Activities = ReturnType<typeof createActivities>;
