import { readCall } from '../../src/domain/mira/call';
import { measureCall } from '../../src/domain/mira/rubric-metrics';
import { scoreWithRubric } from '../../src/domain/mira/rubric-scorer';
import { DEFAULT_TEMPLATE, type ScoreInput, type TranscriptSegment } from '../../src/domain/mira/types';
import { loadEvalSet } from '../helpers/mira-eval';
import { GOOD_CALL } from '../helpers/mira-transcripts';

const call = (lines: Array<[string, string]>): TranscriptSegment[] =>
  lines.map(([speaker, text], i) => ({ speaker, text, start_ms: i * 12_000 }));
const input = (transcript: TranscriptSegment[], tone: 'direct' | 'encouraging' = 'encouraging'): ScoreInput => ({
  transcript,
  callType: 'discovery',
  template: { ...DEFAULT_TEMPLATE, coachingTone: tone },
  prospect: { name: null, title: null, company: null, industry: null },
  extractInsights: true,
});
const metricsOf = (t: TranscriptSegment[]) => measureCall(readCall(t, (s) => s === 'rep')).metrics;

/** The call from the issue that scored 9.2 with six strengths. */
const HOSTILE = call([
  ['rep', 'Hi, thanks for your time! How are you? What challenges are you facing? What? How? Why?'],
  ['prospect', "Who is this? I didn't agree to a call."],
  ['rep', 'It sounds like you are busy. So what I am hearing is timing. What? How? Why?'],
  ['prospect', 'Stop repeating my words back to me. I will block this number.'],
  ['rep', "Next step: I'll send you a calendar invite for Tuesday at 10am."],
  ['prospect', 'Yeah, no.'],
  ['rep', "Great, I'll send the invite."],
]);

describe('the rubric scorer reads the call, not its keywords', () => {
  it('scores the keyword-stuffed hostile call far below a real good call, with no strengths', () => {
    const hostile = scoreWithRubric(input(HOSTILE));
    const good = scoreWithRubric(input(GOOD_CALL));
    expect(hostile.overallScore).toBeLessThan(3);
    expect(good.overallScore).toBeGreaterThan(hostile.overallScore + 4);
    expect(hostile.strengths).toEqual([]);
    expect(hostile.improvements[0]).toMatch(/^The prospect refused at \[00:36\] "I will block this number\."/);
    expect(hostile.criteria.find((c) => c.name === 'Next Steps')!.score).toBeLessThan(2);
  });

  it('counts "What? How? Why?" as no questions and a repeated question once; "Do you…" is closed', () => {
    const m = metricsOf(HOSTILE);
    expect(m).toMatchObject({ openQuestions: 1, emptyQuestions: 6, nextStep: 'refused', refusals: 1 });
    expect(m.listeningComplaints).toBe(1);
    const repeated = metricsOf(
      call([
        ['rep', 'How does your team forecast today? How does your team forecast today?'],
        ['prospect', 'Spreadsheets.'],
        ['rep', 'How does your team forecast today? Do you use a CRM? Is it Salesforce?'],
      ]),
    );
    expect(repeated).toMatchObject({ openQuestions: 1, closedQuestions: 2, repeatedQuestions: 2 });
  });

  it('takes a vague follow-up as no agreed next step, and a dated one the prospect accepts as one', () => {
    const vague = call([
      ['rep', 'What is slowing the team down?'],
      ['prospect', 'Forecasting is a mess.'],
      ['rep', "I'll follow up sometime next week."],
      ['prospect', 'Sure.'],
    ]);
    expect(metricsOf(vague).nextStep).toBe('vague');
    expect(scoreWithRubric(input(vague)).criteria.find((c) => c.name === 'Next Steps')!.score).toBeLessThan(5);
    const dated = [
      ...vague.slice(0, 2),
      ...call([
        ['rep', 'Can we meet Thursday at 2pm with your ops lead?'],
        ['prospect', 'Thursday at 2 works.'],
      ]),
    ];
    expect(metricsOf(dated).nextStep).toBe('agreed');
  });

  it('counts a need as taken up by the overlap of words, not by a stock phrase', () => {
    const stock = call([
      ['prospect', 'Our forecasting is a mess and the managers rebuild it every Friday.'],
      ['rep', 'It sounds like you are busy. So what I am hearing is you want to grow.'],
    ]);
    const real = call([
      ['prospect', 'Our forecasting is a mess and the managers rebuild it every Friday.'],
      ['rep', 'So your managers rebuild the forecast by hand each Friday. How long does that take?'],
    ]);
    expect(metricsOf(stock)).toMatchObject({ needsStated: 1, needsReflected: 0 });
    expect(metricsOf(real)).toMatchObject({ needsStated: 1, needsReflected: 1 });
  });

  it('never contradicts its evidence, and quotes this call with timestamps', () => {
    const summaries = new Set<string>();
    for (const c of loadEvalSet()) {
      const r = scoreWithRubric({ ...input(c.transcript), speakers: { explicit: c.speakers, repName: c.rep_name } });
      summaries.add(r.summary);
      expect(r.summary).toMatch(/\[\d\d:\d\d\] "/);
      for (const s of r.strengths) expect(s).not.toMatch(/\b0 (open|of)\b|monologues? over|no next step|refused/);
      for (const c2 of r.criteria) {
        expect(c2.feedback).not.toMatch(/Good effort/);
        if (c2.score < 7) expect(c2.feedback).not.toMatch(/^Good work/);
      }
      const strong = new Set(r.strengths.map((s) => s.split(':')[0]));
      for (const i of r.improvements) expect(strong.has(i.split(':')[0]!.replace('Work on', 'Strong on'))).toBe(false);
    }
    expect(summaries.size).toBe(loadEvalSet().length);
  });
});
