import type { Logger } from 'pino';
import type { Client } from '@temporalio/client';
import type { Config } from '../config';
import type { Mailer } from '../mail/mailer';
import type { AuthCache } from './auth-cache';
import type { KeyUseRecorder } from '../services/key-use';
import type { NotifiedCache } from '../db/notified-cache';
import type { ActionOverrides } from '../db/queries/policy';
import type { Passwords } from '../services/passwords';
import type { DecisionRecorder } from '../services/decision-recorder';
import type { AccessLogRecorder } from '../services/access-log-recorder';
import type { EventWriter } from '../services/event-writer';
import type { WriteGate } from '../services/write-gate';
import type { ApiMetrics } from './metrics';
import type { Database } from '../db/client';

/** What every route handler may use; built once per process in server.ts. */
export interface AppDeps {
  config: Config;
  database: Database;
  temporal: Client;
  /** OpenTelemetry is on (OTEL_EXPORTER_OTLP_ENDPOINT): every request gets a server span. */
  tracing?: boolean;
  logger: Logger;
  adminTokenHash: string;
  /** Keys the hashes of link codes (see keyedHash); derived from the admin token. */
  linkCodeKey: Buffer;
  /** Encrypts webhook signing secrets at rest (MIR_WEBHOOK_SECRET_KEY, else derived from the admin token). */
  webhookSecretKey: Buffer;
  decisions: DecisionRecorder;
  /** Lookups of linked people by partners, for the people to see (GET /v1/me/access-log). */
  accessLog: AccessLogRecorder;
  mailer: Mailer;
  authCache: AuthCache;
  /** When each partner key was last used (GET /portal/api/keys). */
  keyUse: KeyUseRecorder;
  /** When each Mira key was last used (GET /admin/mira/organizations/:id/keys). */
  miraKeyUse: KeyUseRecorder;
  /** Each organisation's own action configuration (policy_actions), kept exact by NOTIFY. */
  actionCache: NotifiedCache<ActionOverrides>;
  events: EventWriter;
  /** POST /events/bulk writes a few batches at a time; the rest wait their turn (bound `bulk_queue`). */
  bulkWrites: WriteGate;
  metrics: ApiMetrics;
  /** Every argon2 hash and verification, capped per process. */
  passwords: Passwords;
}
