/**
 * What each environment variable means, for docs/configuration.md (written by
 * `npm run docs:generate`; test/unit/docs-generated.test.ts fails when the file is stale). Typed by
 * the config schema, so a variable added to src/config.ts without a line here fails typecheck.
 * `shown` replaces the default read from the schema where a word says more than the value.
 */
import type { Config } from './config';

export interface ConfigDoc {
  meaning: string;
  shown?: string;
}

export const CONFIG_DOCS: Record<keyof Config, ConfigDoc> = {
  NODE_ENV: { meaning: '`production` requires `MIR_ADMIN_TOKEN`, `DATABASE_URL` and `TEMPORAL_ADDRESS`' },
  PORT: { meaning: 'HTTP port of the API' },
  HOST: { meaning: 'Interface the API binds' },
  PUBLIC_URL: {
    shown: '`http://localhost:$PORT`',
    meaning: 'Base URL printed and used in the OpenAPI `servers` entry',
  },
  LOG_LEVEL: { meaning: 'pino level (`silent` … `trace`)' },
  LOG_FORMAT: {
    meaning: '`auto`: coloured lines when stdout is a terminal, JSON lines otherwise; `json` or `pretty` to force one',
  },
  DATABASE_URL: { shown: 'embedded', meaning: 'External Postgres; when set, no embedded Postgres is started' },
  TEMPORAL_ADDRESS: {
    shown: 'embedded',
    meaning: 'External Temporal (`host:port`); when set, no dev server is started',
  },
  TEMPORAL_NAMESPACE: { meaning: 'Temporal namespace' },
  TEMPORAL_TASK_QUEUE: {
    meaning:
      'Task queue the worker polls; the workflow starts a process queues (the outbox) run on its queue, started by a worker of that queue',
  },
  MIR_WORKFLOW_START_SWEEP_MS: {
    meaning: "How often the worker's outbox dispatcher looks for workflow starts besides being woken by `NOTIFY`",
  },
  TEMPORAL_TLS: { meaning: 'Connect to Temporal over TLS' },
  TEMPORAL_API_KEY: { meaning: 'API key for Temporal Cloud (implies TLS)' },
  MIR_ADMIN_TOKEN: {
    shown: 'generated in dev',
    meaning: 'Operator token for `/admin/*` (≥ 32 chars); dev generates one into `.data/admin-token`',
  },
  MIR_DATA_DIR: { meaning: 'Where embedded Postgres, the Temporal SQLite file and the dev admin token live' },
  MIR_PG_PORT: { meaning: 'Port of the embedded Postgres' },
  MIR_PG_SHARED_BUFFERS: {
    meaning: "The embedded Postgres's `shared_buffers` (its own default); the 10 M-event scale run uses a quarter of memory",
  },
  MIR_PG_MAX_WAL_SIZE: { meaning: "The embedded Postgres's `max_wal_size` (checkpoint spacing under bulk ingestion)" },
  MIR_TEMPORAL_PORT: { meaning: 'gRPC port of the Temporal dev server' },
  MIR_TEMPORAL_UI_PORT: { meaning: 'Port of the Temporal Web UI' },
  TEMPORAL_CLI_PATH: {
    meaning: 'Use this `temporal` binary (else `temporal` on PATH, else the cache, else `go install`)',
  },
  MIR_CACHE_DIR: { shown: '`~/.cache/mir`', meaning: 'Where the built `temporal` CLI is kept, outside the repository' },
  MIR_WORKFLOW_BUNDLE: { meaning: 'Prebuilt workflow bundle for the worker (tests bundle once and share it)' },
  MIR_SMTP_TIMEOUT_MS: {
    meaning: "Each SMTP wait (connect, greeting, any reply); a queued mail's claim lasts four of them",
  },
  MIR_MAIL_RETRY_MS: {
    meaning: "How often the worker sweeps its queue's mails (a new one wakes it at once), and the first wait after a failed send",
  },
  MIR_DECISION_RETENTION_DAYS: {
    meaning:
      "How long the policy decision log keeps a decision: the worker's daily partition maintenance drops a month once all of it is older (so up to a month more; docs/operations.md, \"Partitions and retention\")",
  },
  MIR_EVENT_RETENTION_DAYS: {
    shown: 'unset (kept for ever)',
    meaning:
      "How long raw events are kept after receipt, dropped a month at a time by the worker's partition maintenance; each user's totals, which resolve answers from, are kept (docs/operations.md, \"Partitions and retention\")",
  },
  MIR_ACCESS_LOG_RETENTION_DAYS: {
    meaning:
      "How long the access log keeps a partner's lookup of a person while their link lasts; every lookup of a link is deleted when the link ends (see docs/data-rights.md)",
  },
  MIR_AUTH_CACHE_TTL_MS: {
    meaning:
      "How long an API process may reuse a verified partner key or an organisation's action configuration (0 turns both caches off; see Architecture, Benchmark)",
  },
  MIR_WORKER_METRICS_ADDRESS: {
    meaning: "`host:port` where the worker serves the Temporal SDK's Prometheus metrics (see Metrics)",
  },
  MIR_WEBHOOK_SECRET_KEY: {
    shown: 'derived',
    meaning:
      'Key (≥ 32 chars) that encrypts webhook signing secrets at rest; unset, one derived from the admin token (see Webhooks)',
  },
  MIR_WEBHOOK_RETRY_SCHEDULE_MS: {
    shown: "Svix's schedule",
    meaning:
      'Comma-separated waits before each delivery attempt; default `0,5000,300000,1800000,7200000,18000000,36000000,36000000`',
  },
  MIR_WEBHOOK_ALLOWED_CIDRS: {
    shown: '–',
    meaning:
      "Comma-separated ranges (`10.20.0.0/16,fd00:1::/64`) webhooks and Mira's `transcript_url` fetches may reach in production although they are private",
  },
  MIR_WEBHOOK_DISABLE_AFTER_HOURS: { meaning: 'An endpoint failing every delivery for this long is disabled' },
  OTEL_EXPORTER_OTLP_ENDPOINT: {
    meaning:
      'OTLP/HTTP collector (e.g. `http://localhost:4318`): turns tracing on in API and worker (see Operations); other `OTEL_*` variables apply',
  },
  MIR_PG_POOL_MAX: {
    meaning: 'Connections per pool (the API and, under `npm start`, the worker each have one); see Limits',
  },
  MIR_PG_ACQUIRE_TIMEOUT_MS: { meaning: 'How long an API transaction waits for a connection' },
  MIR_PG_STATEMENT_TIMEOUT_MS: { meaning: 'Postgres cancels an API statement (lock waits included) running longer' },
  MIR_PG_IDLE_IN_TRANSACTION_TIMEOUT_MS: {
    meaning: 'Postgres ends an API session idle inside a transaction for longer',
  },
  MIR_WORKER_PG_STATEMENT_TIMEOUT_MS: {
    meaning: "The worker's statement and idle-in-transaction bound (activities retry after it)",
  },
  MIR_TEMPORAL_CALL_TIMEOUT_MS: { meaning: 'Deadline shared by every Temporal call made while answering one request' },
  MIR_RESPONSE_TIMEOUT_MS: { meaning: 'A request not answered by then gets 503 `timeout`' },
  MIR_HTTP_HEADERS_TIMEOUT_MS: {
    meaning: 'Time a client has to send its request headers (else 408 and the socket closes)',
  },
  MIR_HTTP_REQUEST_TIMEOUT_MS: { meaning: 'Time a client has to send its whole request' },
  MIR_HTTP_KEEP_ALIVE_TIMEOUT_MS: { meaning: 'How long an idle keep-alive connection stays open' },
  MIR_EVENT_QUEUE_MAX: { meaning: 'Events waiting for group commit per API process; past it 503 `overloaded`' },
  MIR_BULK_WRITE_SLOTS: { meaning: 'Bulk event requests writing at once per API process; the rest wait their turn' },
  MIR_BULK_QUEUE_EVENTS: {
    meaning: 'Events of bulk requests waiting their turn per API process; past it 503 `overloaded` (bound `bulk_queue`)',
  },
  MIR_DECISION_BUFFER_MAX: {
    meaning: 'Decision-log rows held in memory per API process; past it evaluations get 503 `overloaded`',
  },
  MIR_ACCESS_LOG_BUFFER_MAX: {
    meaning:
      'Access-log rows held in memory per API process; past it lookups of linked people (resolve, evaluate, link status) get 503 `overloaded`',
  },
  MIR_PARTNER_RATE_LIMIT_PER_MINUTE: {
    meaning: 'Default per-organisation limit of partner keys acting as themselves, per API process',
  },
  MIR_TRUST_PROXY: {
    meaning:
      'Express `trust proxy`: `false` (the socket is the client), `true`, a hop count, or comma-separated proxy addresses/subnets (`loopback`, `10.0.0.0/8`); the per-address throttles count `req.ip`',
  },
  MIR_ARGON2_CONCURRENCY: {
    meaning: 'argon2 computations (logins, sign-ups, password resets) at once per API process',
  },
  MIR_ARGON2_WAIT_MS: {
    meaning: 'How long a request waits for an argon2 slot before 503 `overloaded` (bound `argon2`)',
  },
  MIR_LOGIN_FAILURES_PER_IP: {
    meaning: 'Failed logins per client address per 15 minutes before 429 (per account the limit is 10)',
  },
  MIR_SIGNUPS_PER_IP_PER_HOUR: { meaning: 'Sign-ups per client address per hour (then 429 `too_many_attempts`)' },
  MIR_ERASURE_GRACE_SECONDS: {
    shown: '604800 (7 days)',
    meaning:
      "How long after a person asks for their account's erasure it begins; meanwhile partners no longer see their history and the person may cancel it (`DELETE /v1/me/erasure` or logging in)",
  },
  MIR_EXPORT_TTL_SECONDS: {
    shown: '604800 (7 days)',
    meaning:
      "How long a person's data export (POST /v1/me/exports) may be downloaded once ready; the worker then deletes it and it answers `EXPIRED`",
  },
  MIR_ISSUER_KEY_PREPUBLISH_SECONDS: {
    shown: '86400 (24 h)',
    meaning:
      'How long a new credential-issuer key is in `/.well-known/jwks.json` before it signs anything (worker; docs/credentials.md, "Key rotation")',
  },
  MIR_ISSUER_KEY_ROTATION_DAYS: {
    meaning:
      "Interval of the worker's `issuer-key-rotation` Temporal Schedule, which rotates the credential-issuer key (set when a worker first creates it, changed by the next worker start)",
  },
  SMTP_URL: { meaning: 'Send email over SMTP (nodemailer URL); unset, the dev mailer writes to the outbox table' },
  MAIL_FROM: { meaning: 'Sender of account emails' },
  MIRA_LLM_URL: {
    meaning:
      'Mira: base URL of an OpenAI-compatible API (`…/v1`); with `MIRA_LLM_MODEL` the worker scores with the LLM client (POST `<url>/chat/completions`), else with the rubric scorer',
  },
  MIRA_LLM_MODEL: { meaning: 'Mira: the model name sent to the LLM (required with `MIRA_LLM_URL`)' },
  MIRA_LLM_API_KEY: {
    meaning: 'Mira: sent as `Authorization: Bearer` to the LLM (worker only; never logged or in workflow history)',
  },
  MIRA_LLM_TIMEOUT_MS: { meaning: 'Mira: one chat-completions call' },
  MIRA_LLM_MAX_ATTEMPTS: {
    meaning: "Mira: calls per scoring while the LLM's answer is not valid JSON of the asked shape",
  },
  MIRA_TRANSCRIPT_FETCH_TIMEOUT_MS: { meaning: "Mira: fetching a meeting's `transcript_url` (the whole download)" },
  MIRA_TRANSCRIPT_MAX_BYTES: {
    meaning: 'Mira: largest transcript fetched from `transcript_url` (larger fails the meeting)',
  },
  MIRA_KEY_RATE_LIMIT_PER_MINUTE: {
    meaning:
      'Mira: requests one key may make per wall-clock minute, counted in Postgres across all API processes; past it 429 `rate_limited`',
  },
  MIRA_REP_LABELS: {
    shown: '`Sales Rep,Agent,…`',
    meaning:
      "Mira: transcript speaker labels that mean the rep (any case), comma-separated; default `Sales Rep,Rep,Agent,AE,SDR,BDR,Account Executive`; `rep`, the meeting's `speakers` and the rep's name always count too",
  },
};

/** Read by the operator CLI (`npm run mir`) only, not by API or worker. */
export const CLI_ENV_DOCS: Record<string, ConfigDoc> = {
  MIR_API_URL: { shown: '`PUBLIC_URL`', meaning: 'API the `npm run mir` CLI talks to' },
  MIR_OPERATOR: {
    shown: 'your login',
    meaning: 'Name `npm run mir -- spawn-requests approve/reject` records as the decider when `--as` is not given',
  },
};
