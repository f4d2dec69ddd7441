import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Database } from '../db/client';
import type { Mailer } from '../mail/mailer';
import type { Passwords } from './passwords';

/**
 * What services may be handed: infrastructure, never HTTP. Each service names the part it uses
 * (`Pick<ServiceDeps, 'database' | 'temporal'>`), so a caller sees what a function touches and the
 * API's own dependencies (caches, metrics, the decision recorder) stay in src/api.
 */
export interface ServiceDeps {
  config: Config;
  database: Database;
  temporal: Client;
  logger: Logger;
  /** Keys the hashes of link codes (see keyedHash); derived from the admin token. */
  linkCodeKey: Buffer;
  mailer: Mailer;
  /** Every argon2 hash and verification, capped per process. */
  passwords: Passwords;
}
