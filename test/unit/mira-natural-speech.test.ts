import { readCall } from '../../src/domain/mira/call';
import { extractInsights } from '../../src/domain/mira/insights';
import { measureCall } from '../../src/domain/mira/rubric-metrics';
import type { InsightKind, TranscriptSegment } from '../../src/domain/mira/types';

/**
 * What the evaluation set's second batch of calls (written by someone who had not read the patterns)
 * taught the scorer, one rule per test: how buyers say no, name a tool, and agree a time.
 */
const isRep = (speaker: string) => speaker === 'rep';
const call = (lines: Array<[string, string]>): TranscriptSegment[] =>
  lines.map(([speaker, text], i) => ({ speaker, text, start_ms: i * 10_000 }));
const found = (lines: Array<[string, string]>) =>
  extractInsights(call(lines), isRep).map((i) => [i.kind, i.summary] as [InsightKind, string]);
const metrics = (lines: Array<[string, string]>) => measureCall(readCall(call(lines), isRep)).metrics;

describe('insights said the way buyers say them', () => {
  it.each<[InsightKind, string]>([
    ['objection', "that's more than we budgeted, I'll be honest."],
    ['objection', 'anything over three thousand has to go to the board.'],
    ['objection', 'the partners will never sign off on that.'],
    ['objection', "we're locked in with them until next June."],
    ['objection', "the advisors like it, so I'm not ripping that out."],
    ['objection', 'our ops guy is going to hate that.'],
    ['objection', "we're not interested."],
    ['pain_point', "last month we couldn't find a box of samples for four days."],
    ['pain_point', "honestly it's clunky."],
    ['feature_request', 'is there any way to print barcode labels from it?'],
    ['feature_request', 'would be great if it could just text me.'],
    ['feature_request', 'could it show each site separately?'],
    ['buying_signal', 'what would it take to get a pilot going before September?'],
  ])('%s: %j', (kind, text) => {
    expect(found([['prospect', text]]).map(([k]) => k)).toContain(kind);
  });

  it.each([
    ['we’ve been piloting Clio with two partners.', 'Clio'],
    ['a guy at the co-op swears by Tule.', 'Tule'],
    ['our sister company runs Benchling.', 'Benchling'],
    ['a friend recommended Bloomerang, actually.', 'Bloomerang'],
    ['we just replatformed to Shopify Plus in the spring.', 'Shopify Plus'],
    ['we already text with Xtime.', 'Xtime'],
  ])('names the competitor in %j', (text, name) => {
    expect(found([['prospect', text.replace('’', "'")]])).toContainEqual(['competitor', `Competitor named: ${name}`]);
  });

  it('takes a bare product name as the answer to "what do you use?", and only then', () => {
    const asked = found([
      ['rep', 'which one did you go with?'],
      ['prospect', 'Tyler. and it took us two years.'],
    ]);
    expect(asked).toContainEqual(['competitor', 'Competitor named: Tyler']);
    const notAsked = found([
      ['rep', 'what has been hardest about running two sites?'],
      ['prospect', 'Scheduling. our no-shows are high.'],
    ]);
    expect(notAsked.filter(([k]) => k === 'competitor')).toEqual([]);
    // A capitalised subject is not a product: "Staff scheduling is a nightmare."
    const subject = found([
      ['rep', 'are you using any software for staff scheduling?'],
      ['prospect', 'Staff scheduling is a nightmare, honestly.'],
    ]);
    expect(subject.filter(([k]) => k === 'competitor')).toEqual([]);
  });
});

describe('the call read as turns', () => {
  it('a need is taken up when the rep echoes it with words from the rest of the turn', () => {
    const m = metrics([
      ['rep', 'what happens when it goes wrong?'],
      ['prospect', "we couldn't find a box of aliquots for four days. and those aren't replaceable."],
      ['rep', "four days looking for samples you can't replace. does it happen a lot?"],
    ]);
    expect([m.needsStated, m.needsReflected]).toEqual([1, 1]);
  });

  it('a turn of several needs is one need to take up; ignoring it is one miss', () => {
    const m = metrics([
      ['prospect', 'forecasting is a mess. my managers spend hours updating it by hand. leads go cold.'],
      ['rep', 'our tool has great dashboards.'],
    ]);
    expect([m.needsStated, m.needsReflected]).toEqual([1, 0]);
  });

  it('a proposal whose day follows in the same turn is dated, and a yes to it is agreement', () => {
    const m = metrics([
      ['rep', "I'll send the package today, and we book an hour with QA to agree the scope. does Wednesday work?"],
      ['prospect', "wednesday afternoon, yeah. tuesday's good too."],
    ]);
    expect(m.nextStep).toBe('agreed');
  });

  it('a trailing "...okay." is a hedge, as "maybe" is, not agreement', () => {
    const m = metrics([
      ['rep', "no worries. I'll check in Friday then!"],
      ['prospect', '...okay.'],
    ]);
    expect(m.nextStep).toBe('refused');
  });

  it('a refusal counts as a refusal, not as an objection the rep failed to answer', () => {
    const m = metrics([
      ['prospect', "we're not interested. take me off your list."],
      ['rep', 'great, talk soon.'],
    ]);
    expect([m.refusals, m.objectionsRaised]).toEqual([2, 0]);
  });
});
