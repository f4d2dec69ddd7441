import { resolveAdminToken } from '../../admin-token';
import { type Config, loadConfig } from '../../config';
import { type TargetPolicy, targetPolicy } from './target';
import { webhookSecretKey } from './secrets';

/** What delivering needs besides the database: never in a workflow's input or history. */
export interface WebhookDeliveryOptions {
  secretKey: Buffer;
  policy: TargetPolicy;
  disableAfterMs: number;
}

export function webhookDeliveryOptions(config: Config, adminToken: string): WebhookDeliveryOptions {
  return {
    secretKey: webhookSecretKey(config, adminToken).key,
    policy: targetPolicy(config),
    disableAfterMs: config.MIR_WEBHOOK_DISABLE_AFTER_HOURS * 3_600_000,
  };
}

/** For activities built without options (tests, scripts): this process's own configuration. */
export function webhookDeliveryOptionsFromEnv(): WebhookDeliveryOptions {
  const config = loadConfig();
  return webhookDeliveryOptions(config, resolveAdminToken(config).token);
}
