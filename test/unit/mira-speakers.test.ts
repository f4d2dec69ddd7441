import { miraActivityOptions } from '../../src/activities/mira/options';
import { loadConfig } from '../../src/config';
import { scoreWithRubric } from '../../src/domain/mira/rubric-scorer';
import { resolveSpeakers } from '../../src/domain/mira/speakers';
import { speakersField } from '../../src/domain/mira/transcript';
import { DEFAULT_TEMPLATE, type ScoreInput, type TranscriptSegment } from '../../src/domain/mira/types';
import { GOOD_CALL } from '../helpers/mira-transcripts';

/** The good call with its speakers relabelled. */
const relabel = (rep: string, prospect: string): TranscriptSegment[] =>
  GOOD_CALL.map((s) => ({ ...s, speaker: s.speaker === 'rep' ? rep : prospect }));

const input = (transcript: TranscriptSegment[], speakers: ScoreInput['speakers'] = {}): ScoreInput => ({
  transcript,
  callType: 'discovery',
  template: DEFAULT_TEMPLATE,
  prospect: { name: null, title: null, company: null, industry: null },
  extractInsights: true,
  speakers,
});

describe('who spoke', () => {
  it.each([
    ['rep', 'prospect', {}],
    ['Sales Rep', 'Customer', {}],
    ['  AGENT: ', 'Caller', {}],
    ['Account Executive', 'Dana', {}],
    ['Alex', 'Dana', { repName: 'Alex Morgan' }],
    ['alex morgan', 'Dana Lee', { repName: 'Alex Morgan' }],
    ['Alex M.', 'Dana', { repName: 'Alex Morgan' }],
    ['Alex', 'Dana', { explicit: { alex: 'rep' as const } }],
  ])('finds the rep labelled %j (prospect %j, hints %j)', (rep, prospect, hints) => {
    const roles = resolveSpeakers(relabel(rep, prospect), hints);
    expect(roles.repSpeakers).toEqual([rep]);
    expect(roles.prospectSpeakers).toEqual([prospect]);
  });

  it('scores the same call the same whatever the rep is called', () => {
    const base = scoreWithRubric(input(GOOD_CALL));
    for (const [labels, hints] of [
      [['Alex', 'Dana'], { repName: 'Alex Morgan' }],
      [['Sales Rep', 'Customer'], {}],
      [['Jordan', 'Dana'], { explicit: { Jordan: 'rep' as const } }],
    ] as const) {
      const named = scoreWithRubric(input(relabel(labels[0], labels[1]), hints));
      expect(named.overallScore).toBe(base.overallScore);
      expect(named.metrics).toMatchObject({ rep_identified: true, speakers: { rep: [labels[0]] } });
      // The rep's own lines are never the prospect's insights.
      expect(named.insights.map((i) => i.quote)).toEqual(base.insights.map((i) => i.quote));
    }
  });

  it('lets the meeting say who is who, over labels and names', () => {
    const transcript = relabel('Agent', 'Sam');
    const roles = resolveSpeakers(transcript, { explicit: { Agent: 'prospect', Sam: 'rep' }, repName: 'Agent' });
    expect(roles).toMatchObject({ repSpeakers: ['Sam'], prospectSpeakers: ['Agent'], foundBy: 'explicit' });
  });

  it('takes the configured rep labels instead of the defaults', () => {
    expect(resolveSpeakers(relabel('Closer', 'Agent'), { repLabels: ['Closer'] }).repSpeakers).toEqual(['Closer']);
    expect(resolveSpeakers(relabel('Agent', 'Dana'), { repLabels: ['Closer'] }).foundBy).toBe('none');
  });

  it('reads the rep labels from MIRA_REP_LABELS, and keeps the defaults when it is unset', () => {
    expect(miraActivityOptions(loadConfig({ MIRA_REP_LABELS: ' Closer, Hunter ,' })).repLabels).toEqual([
      'Closer',
      'Hunter',
    ]);
    expect(miraActivityOptions(loadConfig({})).repLabels).toContain('Account Executive');
  });

  it('does not guess between two speakers who share the rep’s first name', () => {
    expect(resolveSpeakers(relabel('Alex Kim', 'Alex Wong'), { repName: 'Alex Morgan' }).foundBy).toBe('none');
  });

  it('says it cannot tell instead of scoring the rep at 0 %', () => {
    const result = scoreWithRubric(input(relabel('Speaker 1', 'Speaker 2'), { repName: 'Alex Morgan' }));
    expect(result.metrics).toMatchObject({
      rep_identified: false,
      speakers: { rep: [], prospect: ['Speaker 1', 'Speaker 2'], rep_found_by: 'none' },
    });
    expect(result.summary).toMatch(/could not tell which speaker is the rep/);
    expect(JSON.stringify(result)).not.toMatch(/0%/);
    expect(result.strengths).toEqual([]);
    expect(result.insights).toEqual([]);
  });
});

describe('the speakers field of a meeting', () => {
  it('accepts a bounded map of labels to known roles', () => {
    expect(speakersField.parse({ ' Alex ': 'rep', Dana: 'prospect' })).toEqual({ Alex: 'rep', Dana: 'prospect' });
  });

  it.each([
    [{}, /at least one/],
    [{ Alex: 'boss' }, /rep|prospect|Invalid/],
    [{ Dana: 'prospect' }, /name the rep/],
    [{ 'Al\u0000ex': 'rep' }, /printable/],
    [{ ['x'.repeat(201)]: 'rep' }, /1-200/],
    [Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`S${i}`, i ? 'prospect' : 'rep'])), /at most 50/],
    [['Alex'], /record|object/i],
  ])('refuses %j', (value, message) => {
    const parsed = speakersField.safeParse(value);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message).join(' ')).toMatch(message);
  });
});
