import type { MiraMeeting } from '../../db/queries/mira/meetings';
import type { MiraReport } from '../../db/queries/mira/reports';
import type { MiraTrackers } from '../../db/queries/mira/trackers';
import type { MiraTemplate } from '../../db/queries/mira/templates';
import type { MiraUser } from '../../db/queries/mira/users';
import type { miraInsights } from '../../db/schema';
import { iso, isoOrNull } from './schemas/common';

export const presentUser = (u: MiraUser) => ({ id: u.id, name: u.name, email: u.email, created_at: iso(u.createdAt) });

export const presentMeeting = (m: Omit<MiraMeeting, 'transcript'>) => ({
  id: m.id,
  user_id: m.userId,
  title: m.title,
  started_at: iso(m.startedAt),
  call_type: m.callType,
  prospect: { name: m.prospectName, title: m.prospectTitle, company: m.prospectCompany, industry: m.prospectIndustry },
  transcript_url: m.transcriptUrl,
  speakers: m.speakers,
  status: m.status,
  failure_reason: m.failureReason,
  fetched_at: isoOrNull(m.fetchedAt),
  processing_at: isoOrNull(m.processingAt),
  finished_at: isoOrNull(m.finishedAt),
  created_at: iso(m.createdAt),
  updated_at: iso(m.updatedAt),
});

export const presentTemplate = (t: MiraTemplate) => ({
  id: t.id,
  name: t.name,
  description: t.description,
  prompt_template: t.promptTemplate,
  grading_criteria: t.gradingCriteria,
  coaching_tone: t.coachingTone,
  call_type: t.callType,
  industry_context: t.industryContext,
  is_active: t.isActive,
  created_at: iso(t.createdAt),
  updated_at: iso(t.updatedAt),
});

export const presentReport = (r: MiraReport) => ({
  id: r.id,
  meeting_id: r.meetingId,
  roleplay_session_id: r.roleplaySessionId,
  user_id: r.userId,
  template: { id: r.templateId, name: r.templateName },
  scorer: r.scorer,
  overall_score: r.overallScore,
  criteria_scores: r.criteriaScores,
  strengths: r.strengths,
  improvements: r.improvements,
  next_steps: r.nextSteps,
  summary: r.summary,
  metrics: r.metrics,
  created_at: iso(r.createdAt),
});

export const presentInsight = (i: typeof miraInsights.$inferSelect) => ({
  id: i.id,
  type: i.kind,
  summary: i.summary,
  quote: i.quote,
  meeting_id: i.meetingId,
  meeting_started_at: iso(i.meetingStartedAt),
  prospect_industry: i.prospectIndustry,
  prospect_title: i.prospectTitle,
  created_at: iso(i.createdAt),
});

export const presentTrackers = (t: MiraTrackers) => ({
  competitors: t.competitors,
  products: t.products,
  updated_at: isoOrNull(t.updatedAt),
});
