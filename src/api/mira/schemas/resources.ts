import { z } from 'zod';
import { CALL_TYPES, COACHING_TONES, INSIGHT_KINDS, MEETING_STATUSES } from '../../../domain/mira/types';
import { SPEAKER_ROLES } from '../../../domain/mira/speakers';
import { transcriptSchema } from '../../../domain/mira/transcript';
import { timestamp } from './common';

/** What Mira answers, in its contract's snake_case. */

export const userSchema = z.object({ id: z.uuid(), name: z.string(), email: z.string(), created_at: timestamp });

export const prospectSchema = z.object({
  name: z.string().nullable(),
  title: z.string().nullable(),
  company: z.string().nullable(),
  industry: z.string().nullable(),
});

export const meetingSchema = z.object({
  id: z.uuid(),
  user_id: z.uuid(),
  title: z.string(),
  started_at: timestamp,
  call_type: z.enum(CALL_TYPES),
  prospect: prospectSchema,
  transcript_url: z.string().nullable(),
  speakers: z
    .record(z.string(), z.enum(SPEAKER_ROLES))
    .nullable()
    .describe("Which speaker is the rep, as given at creation; null: told from labels and the rep's name"),
  status: z.enum(MEETING_STATUSES),
  failure_reason: z.string().nullable(),
  fetched_at: timestamp.nullable(),
  processing_at: timestamp.nullable(),
  finished_at: timestamp.nullable(),
  created_at: timestamp,
  updated_at: timestamp,
});

export const meetingWithTranscriptSchema = meetingSchema.extend({ transcript: transcriptSchema.nullable() });

export const criterionSchema = z.object({
  name: z.string(),
  weight: z.number(),
  description: z.string().optional(),
});

export const templateSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  prompt_template: z.string(),
  grading_criteria: z.array(criterionSchema),
  coaching_tone: z.enum(COACHING_TONES),
  call_type: z.enum(CALL_TYPES),
  industry_context: z.string().nullable(),
  is_active: z.boolean(),
  created_at: timestamp,
  updated_at: timestamp,
});

export const reportSchema = z.object({
  id: z.uuid(),
  meeting_id: z
    .uuid()
    .describe('The call scored; for a roleplay report an internal id that GET /meetings/{id} does not serve'),
  roleplay_session_id: z
    .uuid()
    .nullable()
    .describe('The roleplay session scored (GET /roleplay/sessions/{id}); null for a call'),
  user_id: z.uuid(),
  template: z.object({
    id: z.uuid().nullable().describe('null once the template is deleted (or for the built-in rubric)'),
    name: z.string().describe('The template the report was scored with, as it was named then'),
  }),
  scorer: z.string().describe('"rubric" (the deterministic rubric scorer) or "llm:<model>"'),
  overall_score: z.number().min(0).max(10),
  criteria_scores: z.array(
    z.object({ name: z.string(), weight: z.number(), score: z.number().min(0).max(10), feedback: z.string() }),
  ),
  strengths: z.array(z.string()),
  improvements: z.array(z.string()),
  next_steps: z.array(z.string()),
  summary: z.string(),
  metrics: z.record(z.string(), z.unknown()),
  created_at: timestamp,
});

export const insightSchema = z.object({
  id: z.uuid(),
  type: z.enum(INSIGHT_KINDS),
  summary: z.string(),
  quote: z.string(),
  meeting_id: z.uuid(),
  meeting_started_at: timestamp,
  prospect_industry: z.string().nullable(),
  prospect_title: z.string().nullable(),
  created_at: timestamp,
});

export const roleplaySchema = z.object({
  id: z.uuid(),
  user_id: z.uuid(),
  scenario: z.string(),
  call_type: z.enum(CALL_TYPES),
  status: z.enum(MEETING_STATUSES),
  failure_reason: z.string().nullable(),
  meeting_id: z.uuid(),
  report_id: z.uuid().nullable(),
  overall_score: z.number().nullable(),
  created_at: timestamp,
  finished_at: timestamp.nullable(),
});

export const teamStatsSchema = z.object({
  time_range: z.enum(['week', 'month', 'quarter', 'year', 'all']),
  team_size: z.number().int(),
  total_meetings: z.number().int(),
  total_reports: z.number().int(),
  average_score: z.number().nullable(),
  top_performers: z.array(
    z.object({ user_id: z.uuid(), name: z.string(), avg_score: z.number(), report_count: z.number().int() }),
  ),
});

export const trackersSchema = z.object({
  competitors: z.array(z.string()),
  products: z.array(z.string()),
  updated_at: timestamp.nullable().describe('null until the organization first sets them'),
});
