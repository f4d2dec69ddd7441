import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  CALL_TYPES,
  COACHING_TONES,
  INSIGHT_KINDS,
  MEETING_SOURCES,
  MEETING_STATUSES,
  type GradingCriterion,
  type TranscriptSegment,
} from '../../domain/mira/types';
import type { SpeakerRole } from '../../domain/mira/speakers';
import { inList } from './columns';

/*
 * Mira, the sales-call coaching product: a second product on the same stack that shares no rows
 * with MIR. Its ids are uuids, as 003 documents them.
 */

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => at('created_at').notNull().defaultNow();

export const miraOrganizations = pgTable('mira_organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const miraApiKeys = pgTable(
  'mira_api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => miraOrganizations.id, { onDelete: 'cascade' }),
    keyHash: text('key_hash').notNull().unique(),
    keyPrefix: text('key_prefix').notNull(),
    canWrite: boolean('can_write').notNull(),
    /** The operator's name for the key, to tell keys apart in the list; null if none was given. */
    name: text('name'),
    createdAt: createdAt(),
    revokedAt: at('revoked_at'),
    /** To about a minute (src/services/key-use.ts); null if never used. */
    lastUsedAt: at('last_used_at'),
    /** Requests per minute for this key alone; null: MIRA_KEY_RATE_LIMIT_PER_MINUTE applies. */
    rateLimitPerMinute: integer('rate_limit_per_minute'),
  },
  (t) => [
    index('mira_api_keys_organization_idx').on(t.organizationId),
    check('mira_api_keys_rate_limit_check', sql`${t.rateLimitPerMinute} between 1 and 100000000`),
  ],
);

export const miraUsers = pgTable(
  'mira_users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => miraOrganizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    email: text('email').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('mira_users_org_email_idx').on(t.organizationId, sql`lower(${t.email})`)],
);

export const miraTemplates = pgTable(
  'mira_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => miraOrganizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    promptTemplate: text('prompt_template').notNull(),
    gradingCriteria: jsonb('grading_criteria').$type<GradingCriterion[]>().notNull(),
    coachingTone: text('coaching_tone', { enum: COACHING_TONES }).notNull(),
    callType: text('call_type', { enum: CALL_TYPES }).notNull(),
    industryContext: text('industry_context'),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('mira_templates_org_name_idx').on(t.organizationId, sql`lower(${t.name})`),
    index('mira_templates_pick_idx').on(t.organizationId, t.callType, t.isActive),
    check('mira_templates_tone_check', sql`${t.coachingTone} in (${inList(COACHING_TONES)})`),
    check('mira_templates_call_type_check', sql`${t.callType} in (${inList(CALL_TYPES)})`),
  ],
);

export const miraMeetings = pgTable(
  'mira_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => miraOrganizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => miraUsers.id, { onDelete: 'cascade' }),
    source: text('source', { enum: MEETING_SOURCES }).notNull().default('call'),
    title: text('title').notNull(),
    startedAt: at('started_at').notNull(),
    callType: text('call_type', { enum: CALL_TYPES }).notNull(),
    prospectName: text('prospect_name'),
    prospectTitle: text('prospect_title'),
    prospectCompany: text('prospect_company'),
    prospectIndustry: text('prospect_industry'),
    /** Lives here, never in workflow history: activities read and write it. */
    transcript: jsonb('transcript').$type<TranscriptSegment[]>(),
    transcriptUrl: text('transcript_url'),
    /** Which transcript speaker is the rep, when the caller said so; null: Mira tells (speakers.ts). */
    speakers: jsonb('speakers').$type<Record<string, SpeakerRole>>(),
    status: text('status', { enum: MEETING_STATUSES }).notNull().default('pending'),
    failureReason: text('failure_reason'),
    fetchedAt: at('fetched_at'),
    processingAt: at('processing_at'),
    finishedAt: at('finished_at'),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('mira_meetings_org_started_idx').on(t.organizationId, t.startedAt.desc()),
    index('mira_meetings_org_user_idx').on(t.organizationId, t.userId),
    check('mira_meetings_status_check', sql`${t.status} in (${inList(MEETING_STATUSES)})`),
    check('mira_meetings_source_check', sql`${t.source} in (${inList(MEETING_SOURCES)})`),
  ],
);

export const miraReports = pgTable(
  'mira_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => miraOrganizations.id, { onDelete: 'cascade' }),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => miraMeetings.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => miraUsers.id, { onDelete: 'cascade' }),
    /** Set null when the template is deleted, freeing its name; the report keeps template_name. */
    templateId: uuid('template_id').references(() => miraTemplates.id, { onDelete: 'set null' }),
    templateName: text('template_name').notNull(),
    scorer: text('scorer').notNull(),
    overallScore: numeric('overall_score', { precision: 3, scale: 1, mode: 'number' }).notNull(),
    criteriaScores: jsonb('criteria_scores').$type<unknown[]>().notNull(),
    strengths: jsonb('strengths').$type<string[]>().notNull(),
    improvements: jsonb('improvements').$type<string[]>().notNull(),
    nextSteps: jsonb('next_steps').$type<string[]>().notNull(),
    summary: text('summary').notNull(),
    metrics: jsonb('metrics').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // One report per pipeline run: the scoring activity's retries find the first one.
    uniqueIndex('mira_reports_meeting_idx').on(t.meetingId),
    index('mira_reports_org_created_idx').on(t.organizationId, t.createdAt.desc()),
    index('mira_reports_template_idx').on(t.templateId),
    check('mira_reports_score_check', sql`${t.overallScore} between 0 and 10`),
  ],
);

export const miraInsights = pgTable(
  'mira_insights',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => miraOrganizations.id, { onDelete: 'cascade' }),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => miraMeetings.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: INSIGHT_KINDS }).notNull(),
    summary: text('summary').notNull(),
    quote: text('quote').notNull(),
    position: integer('position').notNull(),
    prospectIndustry: text('prospect_industry'),
    prospectTitle: text('prospect_title'),
    meetingStartedAt: at('meeting_started_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('mira_insights_meeting_position_idx').on(t.meetingId, t.position),
    index('mira_insights_org_started_idx').on(t.organizationId, t.meetingStartedAt.desc()),
    check('mira_insights_kind_check', sql`${t.kind} in (${inList(INSIGHT_KINDS)})`),
  ],
);

export const miraRoleplaySessions = pgTable(
  'mira_roleplay_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => miraOrganizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => miraUsers.id, { onDelete: 'cascade' }),
    scenario: text('scenario').notNull(),
    /** The practice conversation is scored as a meeting of source `roleplay`, by the same workflow. */
    meetingId: uuid('meeting_id')
      .notNull()
      .unique()
      .references(() => miraMeetings.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [index('mira_roleplay_org_created_idx').on(t.organizationId, t.createdAt.desc())],
);

/** The competitor and product names an organisation tracks; one row per organisation, replaced by PUT. */
export const miraTrackers = pgTable('mira_trackers', {
  organizationId: uuid('organization_id')
    .primaryKey()
    .references(() => miraOrganizations.id, { onDelete: 'cascade' }),
  competitors: jsonb('competitors').$type<string[]>().notNull(),
  products: jsonb('products').$type<string[]>().notNull(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});
