import { z } from 'zod';
import { PRINTABLE, trimmedText } from '../text';
import { SPEAKER_ROLES } from './speakers';
import type { TranscriptSegment } from './types';

/** Longest text of one segment; a whole transcript is bounded by the body or fetch size cap. */
export const MAX_SEGMENT_TEXT = 20_000;

export const transcriptSegmentSchema = z.strictObject({
  speaker: trimmedText(200).describe(
    '"rep", "prospect", a name or a role label: the rep is the speaker the meeting\'s `speakers` names, else one labelled `rep` or a rep label (Sales Rep, Agent, AE, SDR…), else the one named like the rep; all others are the prospect side',
  ),
  text: z.string().max(MAX_SEGMENT_TEXT),
  start_ms: z.number().int().min(0).max(86_400_000),
});

/** Most speakers a meeting may name: a call has a handful, a webinar a few dozen. */
export const MAX_NAMED_SPEAKERS = 50;

/** `{"Alex": "rep", "Dana": "prospect"}`: which transcript speaker is who, matched in any case. */
export const speakersField = z
  .record(z.string(), z.enum(SPEAKER_ROLES))
  .refine((r) => Object.keys(r).length >= 1, 'name at least one speaker')
  .refine((r) => Object.keys(r).length <= MAX_NAMED_SPEAKERS, `at most ${MAX_NAMED_SPEAKERS} speakers`)
  // The label is not echoed: it may be the very bytes that are wrong.
  .refine(
    (r) => Object.keys(r).every((k) => k.length <= 200 && PRINTABLE.test(k.trim())),
    'speaker labels must be printable text of 1-200 characters',
  )
  .refine((r) => Object.values(r).includes('rep'), 'name the rep: at least one speaker must be "rep"')
  .transform((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k.trim(), v])))
  .describe('Which transcript speaker is the rep (and, optionally, who is the prospect side), by speaker label');

export const transcriptSchema = z.array(transcriptSegmentSchema).max(20_000);

/** A fetched transcript: the segments, bare or as `{ "transcript": [...] }`. */
export const fetchedTranscriptSchema = z.union([transcriptSchema, z.object({ transcript: transcriptSchema })]);

export const segmentsOf = (parsed: z.output<typeof fetchedTranscriptSchema>): TranscriptSegment[] =>
  Array.isArray(parsed) ? parsed : parsed.transcript;

/** No segment with any words in it: the meeting ends as no_transcript. */
export const isEmptyTranscript = (segments: TranscriptSegment[] | null | undefined) =>
  !segments || segments.every((s) => s.text.trim() === '');
