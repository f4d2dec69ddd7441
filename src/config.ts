import { z } from 'zod';
import { isCidr } from './domain/address-ranges';
import { DEFAULT_RETRY_SCHEDULE_MS, parseRetrySchedule } from './domain/webhooks';

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const ms = (fallback: number) => z.coerce.number().int().min(100).max(3_600_000).default(fallback);
const flag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');

/**
 * Express's `trust proxy`: false (the socket's address is the client), true (the left-most
 * X-Forwarded-For entry), a hop count, or a comma-separated list of proxy addresses, subnets or
 * the names loopback / linklocal / uniquelocal.
 */
const trustProxy = z
  .string()
  .trim()
  .default('false')
  .transform((v): boolean | number | string =>
    v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v,
  )
  .refine((v) => typeof v !== 'string' || /^[0-9A-Za-z.:/,\s]+$/.test(v), 'true, false, a hop count or addresses');

/** Webhook retry waits in ms, comma-separated (README "Webhooks"); tests shorten them. */
const retrySchedule = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (raw === undefined) return DEFAULT_RETRY_SCHEDULE_MS;
    return (
      parseRetrySchedule(raw) ?? (ctx.addIssue({ code: 'custom', message: 'comma-separated waits in ms' }), z.NEVER)
    );
  });

const cidrList = z
  .string()
  .default('')
  .transform((raw) =>
    raw
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean),
  )
  .refine((cidrs) => cidrs.every(isCidr), 'comma-separated CIDR ranges such as 10.20.0.0/16');

/** A Postgres memory setting as postgresql.conf spells it: digits and a unit (128MB, 6GB). */
const pgSize = (fallback: string) =>
  z
    .string()
    .regex(/^[1-9]\d{0,6}(kB|MB|GB)$/, 'a size such as 128MB or 6GB')
    .default(fallback);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** auto: coloured lines when stdout is a terminal, JSON lines otherwise (read by createLogger). */
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  DATABASE_URL: z.string().min(1).optional(),
  TEMPORAL_ADDRESS: z.string().min(1).optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('mir'),
  /** The worker's outbox sweep behind NOTIFY (docs/architecture.md, "Starting workflows: the outbox"). */
  MIR_WORKFLOW_START_SWEEP_MS: ms(1_000),
  TEMPORAL_TLS: flag,
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  MIR_ADMIN_TOKEN: z.string().min(32, 'MIR_ADMIN_TOKEN must be at least 32 characters').optional(),
  MIR_DATA_DIR: z.string().default('.data'),
  MIR_PG_PORT: port(54329),
  /** Only the embedded Postgres reads these; an external one is configured by its operator. */
  MIR_PG_SHARED_BUFFERS: pgSize('128MB'),
  MIR_PG_MAX_WAL_SIZE: pgSize('1GB'),
  MIR_TEMPORAL_PORT: port(7233),
  MIR_TEMPORAL_UI_PORT: port(8233),
  MIR_CACHE_DIR: z.string().optional(),
  TEMPORAL_CLI_PATH: z.string().optional(),
  MIR_WORKFLOW_BUNDLE: z.string().optional(),
  SMTP_URL: z.string().min(1).optional(),
  MAIL_FROM: z.string().default('MIR <no-reply@mir.local>'),
  /** Each SMTP wait (connect, greeting, any reply); a queued mail's claim lasts four of them. */
  MIR_SMTP_TIMEOUT_MS: ms(10_000),
  /** How often each API process looks for queued mails to send, and the first wait after a failed send. */
  MIR_MAIL_RETRY_MS: ms(30_000),
  // Retention drops whole months (ADR 0009): a row is kept at least this long and at most a month more.
  MIR_DECISION_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Unset: events are kept for ever. Their users' totals (what resolve answers) never shrink with them. */
  MIR_EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36500).optional(),
  /** How long the access log keeps a lookup while its link lasts; a link's lookups all go when it ends. */
  MIR_ACCESS_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  MIR_AUTH_CACHE_TTL_MS: z.coerce.number().int().min(0).max(300_000).default(5_000),
  // Bounds on every wait (README, "Limits and timeouts"). A bound hit answers 503 with Retry-After.
  /** host:port where the worker serves the Temporal SDK's Prometheus metrics; unset, none. */
  MIR_WORKER_METRICS_ADDRESS: z
    .string()
    .regex(/^[^\s:]+:\d{1,5}$/, 'host:port')
    .optional(),
  /** OTLP/HTTP collector (e.g. http://localhost:4318); unset, tracing is off. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  MIR_PG_POOL_MAX: z.coerce.number().int().min(3).max(500).default(10),
  MIR_PG_ACQUIRE_TIMEOUT_MS: ms(5_000),
  MIR_PG_STATEMENT_TIMEOUT_MS: ms(10_000),
  MIR_PG_IDLE_IN_TRANSACTION_TIMEOUT_MS: ms(10_000),
  MIR_WORKER_PG_STATEMENT_TIMEOUT_MS: ms(120_000),
  MIR_TEMPORAL_CALL_TIMEOUT_MS: ms(15_000),
  MIR_RESPONSE_TIMEOUT_MS: ms(30_000),
  MIR_HTTP_HEADERS_TIMEOUT_MS: ms(10_000),
  MIR_HTTP_REQUEST_TIMEOUT_MS: ms(30_000),
  MIR_HTTP_KEEP_ALIVE_TIMEOUT_MS: ms(5_000),
  MIR_EVENT_QUEUE_MAX: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  MIR_BULK_WRITE_SLOTS: z.coerce.number().int().min(1).max(64).default(4),
  MIR_BULK_QUEUE_EVENTS: z.coerce.number().int().min(1).max(10_000_000).default(20_000),
  MIR_DECISION_BUFFER_MAX: z.coerce.number().int().min(10).max(5_000_000).default(100_000),
  MIR_ACCESS_LOG_BUFFER_MAX: z.coerce.number().int().min(10).max(5_000_000).default(100_000),
  MIR_PARTNER_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000_000).default(600_000),
  // Accounts (README, "Security"): who the client is behind proxies, argon2 work, sign-up volume.
  MIR_TRUST_PROXY: trustProxy,
  MIR_ARGON2_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  MIR_ARGON2_WAIT_MS: ms(5_000),
  // Per client address; generous, as people behind one NAT share it (per account the limit is 10).
  MIR_LOGIN_FAILURES_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(50),
  MIR_SIGNUPS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(20),
  // A person's erasure of their account (docs/data-rights.md): how long they may still cancel it.
  MIR_ERASURE_GRACE_SECONDS: z.coerce.number().int().min(0).max(90 * 24 * 3600).default(7 * 24 * 3600),
  // A person's data export (docs/data-rights.md): how long its file may be downloaded once ready.
  MIR_EXPORT_TTL_SECONDS: z.coerce.number().int().min(1).max(90 * 24 * 3600).default(7 * 24 * 3600),
  // The credential issuer's key rotation (docs/credentials.md): how long a new key is published
  // before it signs, and how often the worker's Temporal Schedule rotates.
  MIR_ISSUER_KEY_PREPUBLISH_SECONDS: z.coerce.number().int().min(1).max(30 * 24 * 3600).default(24 * 3600),
  MIR_ISSUER_KEY_ROTATION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  // Webhooks (README "Webhooks"): the key that encrypts signing secrets at rest, retries, targets.
  MIR_WEBHOOK_SECRET_KEY: z.string().min(32, 'MIR_WEBHOOK_SECRET_KEY must be at least 32 characters').optional(),
  MIR_WEBHOOK_RETRY_SCHEDULE_MS: retrySchedule,
  MIR_WEBHOOK_ALLOWED_CIDRS: cidrList,
  MIR_WEBHOOK_DISABLE_AFTER_HOURS: z.coerce.number().int().min(1).max(8760).default(120),
  // Mira (README, "Mira"): the LLM scorer when all three are set, else the rubric scorer.
  MIRA_LLM_URL: z.url().optional(),
  MIRA_LLM_MODEL: z.string().min(1).optional(),
  MIRA_LLM_API_KEY: z.string().min(1).optional(),
  MIRA_LLM_TIMEOUT_MS: ms(60_000),
  MIRA_LLM_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  MIRA_TRANSCRIPT_FETCH_TIMEOUT_MS: ms(10_000),
  MIRA_TRANSCRIPT_MAX_BYTES: z.coerce.number().int().min(1024).max(100_000_000).default(5_000_000),
  MIRA_KEY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000_000).default(1_200),
  /** Speaker labels that mean the rep, comma-separated (unset: DEFAULT_REP_LABELS). */
  MIRA_REP_LABELS: z
    .string()
    .max(2000)
    .optional()
    .transform((raw) =>
      raw
        ?.split(',')
        .map((l) => l.trim())
        .filter(Boolean),
    ),
});

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = envSchema.safeParse(blanksRemoved);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  if (config.NODE_ENV === 'production') {
    const missing = (['MIR_ADMIN_TOKEN', 'DATABASE_URL', 'TEMPORAL_ADDRESS'] as const).filter((k) => !config[k]);
    if (missing.length > 0) throw new ConfigError(`NODE_ENV=production requires ${missing.join(', ')}`);
  }
  if (config.MIRA_LLM_URL && !config.MIRA_LLM_MODEL) throw new ConfigError('MIRA_LLM_URL requires MIRA_LLM_MODEL');
  return config;
}

/** Where the embedded dev stack listens when no external Postgres / Temporal is configured. */
export function embeddedDatabaseUrl(config: Config): string {
  return `postgres://postgres:postgres@127.0.0.1:${config.MIR_PG_PORT}/mir`;
}

export function databaseUrl(config: Config): string {
  return config.DATABASE_URL ?? embeddedDatabaseUrl(config);
}

export function temporalAddress(config: Config): string {
  return config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.MIR_TEMPORAL_PORT}`;
}

export function publicUrl(config: Config): string {
  return (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, '');
}
