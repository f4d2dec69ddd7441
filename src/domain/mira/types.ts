import type { SpeakerHints } from './speakers';

/** The enums 003 lists, and the shapes the scorers and the pipeline share. */

export const CALL_TYPES = ['discovery', 'demo', 'negotiation', 'follow-up', 'closing', 'cold-call', 'general'] as const;
export type CallType = (typeof CALL_TYPES)[number];

export const COACHING_TONES = ['direct', 'encouraging', 'data-driven'] as const;
export type CoachingTone = (typeof COACHING_TONES)[number];

export const MEETING_STATUSES = ['pending', 'fetched', 'processing', 'completed', 'failed', 'no_transcript'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** A real call, or a practice conversation sent as a roleplay session. */
export const MEETING_SOURCES = ['call', 'roleplay'] as const;
export type MeetingSource = (typeof MEETING_SOURCES)[number];

export const INSIGHT_KINDS = ['objection', 'pain_point', 'competitor', 'feature_request', 'buying_signal'] as const;
export type InsightKind = (typeof INSIGHT_KINDS)[number];

export const TIME_RANGES = ['week', 'month', 'quarter', 'year', 'all'] as const;
export type TimeRange = (typeof TIME_RANGES)[number];

/** Days a team-stats window reaches back (null: all time). */
export const TIME_RANGE_DAYS: Record<TimeRange, number | null> = {
  week: 7,
  month: 30,
  quarter: 90,
  year: 365,
  all: null,
};

export interface TranscriptSegment {
  /** "rep", "prospect", a name or a role label: src/domain/mira/speakers.ts tells the rep apart. */
  speaker: string;
  text: string;
  start_ms: number;
}

export interface GradingCriterion {
  name: string;
  weight: number;
  description?: string;
}

export interface CriterionScore {
  name: string;
  weight: number;
  score: number;
  feedback: string;
}

export interface Insight {
  kind: InsightKind;
  summary: string;
  quote: string;
}

/** What any scorer answers for one meeting. */
export interface ScoreResult {
  scorer: string;
  overallScore: number;
  criteria: CriterionScore[];
  strengths: string[];
  improvements: string[];
  nextSteps: string[];
  summary: string;
  metrics: Record<string, unknown>;
  insights: Insight[];
}

/** What a scorer is given: the transcript and the template it is judged against. */
export interface ScoreInput {
  transcript: TranscriptSegment[];
  callType: CallType;
  template: {
    name: string;
    promptTemplate: string;
    criteria: GradingCriterion[];
    coachingTone: CoachingTone;
    industryContext: string | null;
  };
  prospect: { name: string | null; title: string | null; company: string | null; industry: string | null };
  /** Practice conversations carry no market insights. */
  extractInsights: boolean;
  /** Who the rep is: the meeting's `speakers`, the rep's name, the configured rep labels. */
  speakers?: SpeakerHints;
  /** The organisation's tracked competitor and product names (PUT /settings/trackers). */
  trackers?: Trackers;
}

export interface Trackers {
  competitors: string[];
  products: string[];
}

/** Used when an organisation has no active template for the call type and no general one. */
export const DEFAULT_TEMPLATE: ScoreInput['template'] = {
  name: 'Mira default rubric',
  promptTemplate: 'Evaluate the sales rep on how well they ran the call.',
  coachingTone: 'encouraging',
  industryContext: null,
  criteria: [
    { name: 'Rapport Building', weight: 20, description: 'Warm opening, builds trust and connection' },
    { name: 'Needs Discovery', weight: 30, description: 'Asks open questions about needs and pain' },
    { name: 'Active Listening', weight: 20, description: 'Reflects back what the prospect said, talk ratio' },
    { name: 'Next Steps', weight: 30, description: 'Agrees a concrete next step and timeline' },
  ],
};

/** One decimal, as reports show scores. */
export const roundScore = (n: number) => Math.round(Math.min(10, Math.max(0, n)) * 10) / 10;

/** One interface, two implementations: the rubric scorer (default) and the LLM client. */
export interface Scorer {
  /** Stored with every report: "rubric", or "llm:<model>". */
  readonly name: string;
  score(input: ScoreInput): Promise<ScoreResult>;
}
