import type { TimedSentence, Turn } from './call';
import { AGREEMENT, CONCRETE_TIME, NEXT_ACTION, NOT_AGREEMENT, REFUSAL, VAGUE_TIME } from './call-signals';

/**
 * `agreed`: a concrete time or day was proposed and the prospect said yes in the next turn;
 * `refused`: the prospect said no to it; `proposed`: a concrete proposal the prospect did not take
 * up; `vague`: only "let's touch base sometime"; `none`: nothing proposed.
 */
export interface NextStep {
  status: 'agreed' | 'refused' | 'proposed' | 'vague' | 'none';
  proposal?: TimedSentence;
  answer?: TimedSentence;
}

const RANK: Record<NextStep['status'], number> = { none: 0, vague: 1, refused: 2, proposed: 3, agreed: 4 };

function answerTo(turn: Turn | undefined): { yes: boolean; no: boolean; sentence?: TimedSentence } {
  if (!turn || turn.rep) return { yes: false, no: false };
  // The answer is in the first words; a yes with a no or a hedge beside it is not a yes ("Yeah, no.").
  const head = turn.sentences.slice(0, 2);
  const no = head.some((s) => REFUSAL.test(s.text) || NOT_AGREEMENT.test(s.text));
  return { yes: !no && head.some((s) => AGREEMENT.test(s.text)), no, sentence: turn.sentences[0] };
}

/**
 * The call's next step: every proposal (a sentence naming an action, by either side) is judged by
 * the prospect's next turn, and the best outcome stands unless the prospect refuses anything later
 * ("Take me off your list" after "Thursday at 2?" is no agreement).
 */
export function findNextStep(turns: readonly Turn[]): NextStep {
  let best: NextStep = { status: 'none' };
  turns.forEach((turn, i) => {
    turn.sentences.forEach((sentence, j) => {
      if (!NEXT_ACTION.test(sentence.text)) return;
      // The time may follow in the same turn: "…and we book an hour with QA. Does Wednesday work?"
      const named = turn.sentences.slice(j).some((s) => CONCRETE_TIME.test(s.text));
      const concrete = named && !VAGUE_TIME.test(sentence.text);
      // The prospect proposing a concrete time agrees in the same breath ("Thursday at 2 works").
      const answer = turn.rep ? answerTo(turns[i + 1]) : { yes: AGREEMENT.test(sentence.text), no: false };
      const status: NextStep['status'] = !concrete
        ? 'vague'
        : answer.yes
          ? 'agreed'
          : answer.no
            ? 'refused'
            : 'proposed';
      if (RANK[status] >= RANK[best.status]) best = { status, proposal: sentence, answer: answer.sentence };
    });
  });
  const refusedLater = turns.some(
    (t) =>
      !t.rep &&
      best.proposal !== undefined &&
      t.startMs >= best.proposal.startMs &&
      t.sentences.some((s) => REFUSAL.test(s.text)),
  );
  return refusedLater && best.status === 'agreed' ? { ...best, status: 'refused' } : best;
}
