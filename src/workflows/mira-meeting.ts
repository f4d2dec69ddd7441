import { ActivityFailure, ApplicationFailure, proxyActivities, setCurrentDetails } from '@temporalio/workflow';
import type { Activities } from '../activities';

/**
 * Retried a few times (a transcript host or an LLM that is briefly down), then the meeting fails
 * with the reason. The long ones heartbeat, so a crashed worker's attempt is retried within seconds.
 */
const { miraFetchTranscript, miraBeginProcessing, miraScoreMeeting } = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '15 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 4 },
});

/** Recording the failure must happen: no attempt limit. */
const { miraFailMeeting } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Ids only: the transcript stays in Postgres and never enters the history. */
export interface MiraMeetingInput {
  meetingId: string;
  organizationId: string;
  source: 'call' | 'roleplay';
}

export type MiraMeetingOutcome =
  | { status: 'completed'; reportId: string; overallScore: number }
  | { status: 'no_transcript' }
  | { status: 'failed'; reason: string };

function reasonOf(err: unknown): string {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure || cause instanceof Error) return cause.message;
  return String(cause);
}

/**
 * `mira-meeting:<meetingId>`: pending → fetched (transcript given, or fetched from its URL) →
 * processing (scored against the organisation's template) → completed; no_transcript when there is
 * none; failed with the reason once an activity's retries are spent. Each step's activity writes
 * the status, so the API and this workflow's current details agree.
 */
export async function miraMeetingWorkflow(input: MiraMeetingInput): Promise<MiraMeetingOutcome> {
  const { meetingId } = input;
  setCurrentDetails(`meeting ${meetingId}: fetching the transcript`);
  try {
    const fetched = await miraFetchTranscript({ meetingId });
    if (fetched.status === 'no_transcript') {
      setCurrentDetails(`meeting ${meetingId}: no transcript`);
      return { status: 'no_transcript' };
    }
    setCurrentDetails(`meeting ${meetingId}: scoring`);
    await miraBeginProcessing({ meetingId });
    const report = await miraScoreMeeting({ meetingId });
    setCurrentDetails(`meeting ${meetingId}: completed, report ${report.reportId} (${report.overallScore}/10)`);
    return { status: 'completed', ...report };
  } catch (err) {
    const reason = reasonOf(err);
    await miraFailMeeting({ meetingId, reason });
    setCurrentDetails(`meeting ${meetingId}: failed: ${reason}`);
    return { status: 'failed', reason };
  }
}
