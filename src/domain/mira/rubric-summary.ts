import { type TimedSentence, clock, shortQuote } from './call';
import type { CallMetrics, Moments } from './rubric-metrics';

const at = (s: TimedSentence) => `${clock(s.startMs)} ${shortQuote(s.text, 110)}`;

/** The summary names this call's moments, each quoted with where it is in the call. */
export function rubricSummary(template: string, overall: number, m: CallMetrics, moments: Moments): string {
  const parts = [
    `Scored by the Mira rubric scorer (deterministic, no language model) against "${template}": overall ${overall}/10.`,
  ];
  if (moments.refusal) parts.push(`The prospect refused at ${at(moments.refusal)}.`);
  if (moments.reflection) {
    parts.push(
      `Best moment: the prospect said ${at(moments.reflection.need)}; the rep took it up: ${at(moments.reflection.echo)}.`,
    );
  } else if (moments.openQuestion) parts.push(`Best question: ${at(moments.openQuestion)}.`);
  if (moments.missedNeed && !moments.reflection) parts.push(`Not taken up: ${at(moments.missedNeed)}.`);
  if (moments.objection) parts.push(`Objection: ${at(moments.objection)}.`);
  const { proposal, answer } = moments.nextStep;
  if (proposal) {
    const reply = answer ? `; the prospect: ${at(answer)}` : '';
    const outcome = {
      agreed: 'agreed',
      proposed: 'not confirmed',
      refused: 'turned down',
      vague: 'left undated',
      none: '',
    }[m.nextStep];
    parts.push(`Next step (${outcome}): ${at(proposal)}${reply}.`);
  } else parts.push('No next step was proposed.');
  return parts.join(' ');
}
