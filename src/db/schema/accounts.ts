import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { organizations } from './core';
import { LINK_REQUEST_KINDS, LINK_REQUEST_STATUSES } from '../../domain/links';
import { partnerUsers } from './events';
import { inList, ts } from './columns';
import { agentSpawnRequests } from './spawn-requests';

/** A person who owns a portable history. Not a partner: partners never see this table's email. */
export const mirUsers = pgTable('mir_users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  emailVerifiedAt: ts('email_verified_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

const userRef = () =>
  text('mir_user_id')
    .notNull()
    .references(() => mirUsers.id, { onDelete: 'cascade' });

/** Single-use email verification tokens, by hash. */
export const emailTokens = pgTable('email_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  mirUserId: userRef(),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
});

export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    mirUserId: userRef(),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('sessions_user_idx').on(t.mirUserId)],
);

/**
 * Attempt counters (logins, link codes, sign-ups, mails) by scope, shared by every API process.
 * A fixed window per scope: one upsert counts an attempt and returns the count, so parallel
 * attempts can never all see the same number.
 */
export const throttleCounters = pgTable('throttle_counters', {
  scope: text('scope').primaryKey(),
  windowStartedAt: ts('window_started_at').notNull().defaultNow(),
  count: integer('count').notNull(),
});

/** Single-use password reset tokens, by hash; one hour. */
export const passwordResetTokens = pgTable(
  'password_reset_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    mirUserId: userRef(),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
  },
  (t) => [index('password_reset_tokens_user_idx').on(t.mirUserId)],
);

/** The development mailbox: what the dev mailer "sends". Production sends by SMTP and stores nothing. */
export const outbox = pgTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    toEmail: text('to_email').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('outbox_to_created_idx').on(t.toEmail, t.createdAt)],
);

/** What the mail queue sends: kinds rendered when sent, so no row holds a secret. */
export const QUEUED_MAIL_KINDS = [
  'verify-email',
  'signup-taken',
  'member-added',
  'link-removed',
  'export-ready',
  // To each ADMIN/OWNER member while a spawn request waits (migration 0032).
  'spawn-approval-requested',
  'spawn-approval-reminder',
] as const;

/**
 * Mails that must survive a crash (src/services/mail-queue.ts): written with the change they
 * report, sent by a worker of the writer's task queue, deleted once sent. next_attempt_at is also
 * the sender's claim.
 */
export const mailQueue = pgTable(
  'mail_queue',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: QUEUED_MAIL_KINDS }).notNull(),
    toEmail: text('to_email').notNull(),
    mirUserId: text('mir_user_id'),
    /** The organisation a member-added mail names (migration 0022). */
    organizationId: text('organization_id'),
    /** The spawn request an approver mail names (migration 0032). */
    spawnRequestId: text('spawn_request_id'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    createdAt: ts('created_at').notNull().defaultNow(),
    /** The writer's TEMPORAL_TASK_QUEUE, from its connection's `mir.task_queue` setting (migration 0027). */
    taskQueue: text('task_queue')
      .notNull()
      .default(sql`current_setting('mir.task_queue')`),
  },
  (t) => [
    // Written by hand (migrations 0018, 0022): Postgres named the keys.
    foreignKey({
      name: 'mail_queue_mir_user_id_fkey',
      columns: [t.mirUserId],
      foreignColumns: [mirUsers.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'mail_queue_organization_id_fkey',
      columns: [t.organizationId],
      foreignColumns: [organizations.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'mail_queue_spawn_request_id_fkey',
      columns: [t.spawnRequestId],
      foreignColumns: [agentSpawnRequests.id],
    }).onDelete('cascade'),
    index('mail_queue_due_idx').on(t.taskQueue, t.nextAttemptAt),
    check('mail_queue_kind_check', sql`${t.kind} in (${inList(QUEUED_MAIL_KINDS)})`),
  ],
);

/** One row per link a person confirmed: the partner's user record now carries the person's whole history. */
export const partnerLinks = pgTable(
  'partner_links',
  {
    id: text('id').primaryKey(),
    mirUserId: userRef(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    partnerUserId: text('partner_user_id')
      .notNull()
      .references(() => partnerUsers.id, { onDelete: 'cascade' }),
    method: text('method', { enum: ['invite', 'code'] }).notNull(),
    linkedAt: ts('linked_at').notNull().defaultNow(),
    unlinkedAt: ts('unlinked_at'),
  },
  (t) => [
    uniqueIndex('partner_links_active_partner_user_idx')
      .on(t.partnerUserId)
      .where(sql`${t.unlinkedAt} is null`),
    uniqueIndex('partner_links_active_user_org_idx')
      .on(t.mirUserId, t.organizationId)
      .where(sql`${t.unlinkedAt} is null`),
    index('partner_links_user_idx').on(t.mirUserId),
  ],
);

/** Invites (token by hash) and short codes (code by hash): both wait for the person, both expire. */
export const linkRequests = pgTable(
  'link_requests',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: LINK_REQUEST_KINDS }).notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    partnerUserId: text('partner_user_id')
      .notNull()
      .references(() => partnerUsers.id, { onDelete: 'cascade' }),
    secretHash: text('secret_hash').notNull().unique(),
    redirectUrl: text('redirect_url'),
    status: text('status', { enum: LINK_REQUEST_STATUSES }).notNull().default('PENDING'),
    expiresAt: ts('expires_at').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    decidedAt: ts('decided_at'),
    mirUserId: text('mir_user_id').references(() => mirUsers.id, { onDelete: 'set null' }),
  },
  (t) => [index('link_requests_partner_user_idx').on(t.partnerUserId, t.kind, t.status)],
);
