import type { Db } from '../db/client';
import { createErasureActivities } from './erasure';
import { createExportActivities } from './exports';
import { createKillSwitchActivities } from './kill-switch';
import { createRegulationActivities } from './regulations';
import { createSpawnApprovalActivities } from './spawn-approval';
import { createKeyActivities } from './keys';
import { type PartitionOptions, createPartitionActivities } from './partitions';
import { type IssuerKeyOptions, createIssuerKeyActivities } from './issuer-keys';
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
 * read from this process's environment when omitted. `exportTtlSeconds`: how long a data export
 * stays READY (MIR_EXPORT_TTL_SECONDS; the default when omitted). `issuerKeys`: the key that
 * encrypts the credential issuer's private keys and MIR_ISSUER_KEY_PREPUBLISH_SECONDS. Mails they
 * queue are sent by the worker's mail dispatcher once their transaction commits. `partitions`: the
 * retentions the partition maintenance drops months by (MIR_DECISION_RETENTION_DAYS and
 * MIR_EVENT_RETENTION_DAYS; 90 days of decisions and every event when omitted).
 */
export function createActivities(
  db: Db,
  opts: {
    webhooks?: WebhookDeliveryOptions;
    mira?: MiraActivityOptions;
    exportTtlSeconds?: number;
    issuerKeys?: IssuerKeyOptions;
    partitions?: PartitionOptions;
  } = {},
) {
  return {
    ...createSmokeActivities(db),
    ...createKeyActivities(db),
    ...createPartitionActivities(db, opts.partitions),
    ...createIssuerKeyActivities(db, opts.issuerKeys),
    ...createLinkActivities(db),
    ...createSpawnApprovalActivities(db),
    ...createKillSwitchActivities(db),
    ...createMemberActivities(db),
    ...createRegulationActivities(db),
    ...createErasureActivities(db),
    ...createExportActivities(db, opts.exportTtlSeconds),
    ...createWebhookActivities(db, opts.webhooks),
    ...createMiraMeetingActivities(db, opts.mira ?? miraActivityOptions()),
  };
}

export type Activities = ReturnType<typeof createActivities>;
