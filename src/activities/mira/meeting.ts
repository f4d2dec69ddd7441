import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../../db/client';
import { advanceMiraMeeting, findMiraMeeting } from '../../db/queries/mira/meetings';
import { completeMiraMeeting } from '../../db/queries/mira/reports';
import { pickMiraTemplate } from '../../db/queries/mira/templates';
import { findMiraTrackers } from '../../db/queries/mira/trackers';
import { findMiraUser } from '../../db/queries/mira/users';
import { isEmptyTranscript } from '../../domain/mira/transcript';
import { DEFAULT_TEMPLATE, type ScoreInput } from '../../domain/mira/types';
import type { MiraActivityOptions } from './options';
import { heartbeating } from './heartbeat';
import { fetchTranscript } from './transcript-fetch';

const gone = (meetingId: string) =>
  ApplicationFailure.nonRetryable(`meeting ${meetingId} no longer exists`, 'MiraMeetingGone');

async function meetingOf(db: Db, meetingId: string) {
  const meeting = await findMiraMeeting(db, meetingId);
  if (!meeting) throw gone(meetingId);
  return meeting;
}

/** Each activity moves the meeting forward only from where it stands, so a retry after a commit is a no-op. */
export function createMiraMeetingActivities(db: Db, options: MiraActivityOptions) {
  return {
    /** The transcript given, or fetched from transcript_url and stored in Postgres; it never returns it. */
    async miraFetchTranscript(input: { meetingId: string }): Promise<{ status: 'fetched' | 'no_transcript' }> {
      const meeting = await meetingOf(db, input.meetingId);
      if (meeting.status === 'no_transcript') return { status: 'no_transcript' };
      if (meeting.status !== 'pending') return { status: 'fetched' };
      const transcript =
        meeting.transcript ??
        (meeting.transcriptUrl
          ? await heartbeating(() => fetchTranscript(meeting.transcriptUrl!, options.fetch))
          : null);
      if (isEmptyTranscript(transcript)) {
        await advanceMiraMeeting(db, meeting.id, ['pending'], 'no_transcript', { transcript });
        return { status: 'no_transcript' };
      }
      await advanceMiraMeeting(db, meeting.id, ['pending'], 'fetched', { transcript });
      return { status: 'fetched' };
    },

    async miraBeginProcessing(input: { meetingId: string }): Promise<void> {
      await advanceMiraMeeting(db, input.meetingId, ['fetched'], 'processing');
    },

    /**
     * Scores against the organisation's active template for the call type (else its general one,
     * else the built-in rubric) and writes report, insights and `completed` in one transaction.
     */
    async miraScoreMeeting(input: { meetingId: string }): Promise<{ reportId: string; overallScore: number }> {
      const meeting = await meetingOf(db, input.meetingId);
      const template = await pickMiraTemplate(db, meeting.organizationId, meeting.callType);
      const rep = await findMiraUser(db, meeting.organizationId, meeting.userId);
      const trackers = await findMiraTrackers(db, meeting.organizationId);
      const scoreInput: ScoreInput = {
        transcript: meeting.transcript ?? [],
        callType: meeting.callType,
        template: template
          ? {
              name: template.name,
              promptTemplate: template.promptTemplate,
              criteria: template.gradingCriteria,
              coachingTone: template.coachingTone,
              industryContext: template.industryContext,
            }
          : DEFAULT_TEMPLATE,
        prospect: {
          name: meeting.prospectName,
          title: meeting.prospectTitle,
          company: meeting.prospectCompany,
          industry: meeting.prospectIndustry,
        },
        extractInsights: meeting.source === 'call',
        speakers: { explicit: meeting.speakers, repName: rep?.name ?? null, repLabels: options.repLabels },
        trackers: { competitors: trackers.competitors, products: trackers.products },
      };
      const result = await heartbeating(() => options.scorer.score(scoreInput));
      // A template deleted meanwhile fails the report's foreign key: the retry picks again.
      const report = await completeMiraMeeting(db, {
        meetingId: meeting.id,
        template: { id: template?.id ?? null, name: template?.name ?? DEFAULT_TEMPLATE.name },
        result,
      });
      return { reportId: report.id, overallScore: report.overallScore };
    },

    async miraFailMeeting(input: { meetingId: string; reason: string }): Promise<void> {
      await advanceMiraMeeting(db, input.meetingId, ['pending', 'fetched', 'processing'], 'failed', {
        failureReason: input.reason.slice(0, 1000),
      });
    },
  };
}
