import type { ScoreInput, ScoreResult } from './types';

export const REP_UNKNOWN_NOTICE =
  'Not scored: Mira could not tell which speaker is the rep. Label the rep\'s lines "rep" (or Sales Rep, Agent, AE…), ' +
  'use the rep\'s name as in Mira, or send "speakers": {"<label>": "rep"} with the meeting.';

/**
 * A call in which no speaker is the rep is not judged: every criterion is 0 with the reason, the
 * metrics say `rep_identified: false` and who spoke, so nobody reads "the rep spoke 0% of the words".
 */
export function repUnknown(input: ScoreInput, speakers: Record<string, unknown>): Omit<ScoreResult, 'scorer'> {
  return {
    overallScore: 0,
    criteria: input.template.criteria.map((c) => ({
      name: c.name,
      weight: c.weight,
      score: 0,
      feedback: REP_UNKNOWN_NOTICE,
    })),
    strengths: [],
    improvements: [],
    nextSteps: ['Say who the rep is on the meeting ("speakers": {"<label>": "rep"}) and submit it again.'],
    summary: REP_UNKNOWN_NOTICE,
    metrics: { rep_identified: false, notice: REP_UNKNOWN_NOTICE, speakers },
    // The insights are the prospect's words: with nobody known as the rep, they cannot be told apart.
    insights: [],
  };
}
