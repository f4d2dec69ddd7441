import { z } from 'zod';
import { trimmedText } from '../text';
import type { TranscriptSegment } from './types';

/** Longest text of one segment; a whole transcript is bounded by the body or fetch size cap. */
export const MAX_SEGMENT_TEXT = 20_000;

export const transcriptSegmentSchema = z.strictObject({
  speaker: trimmedText(200).describe('"rep", "prospect", or a name (anything but "rep" is the prospect side)'),
  text: z.string().max(MAX_SEGMENT_TEXT),
  start_ms: z.number().int().min(0).max(86_400_000),
});

export const transcriptSchema = z.array(transcriptSegmentSchema).max(20_000);

/** A fetched transcript: the segments, bare or as `{ "transcript": [...] }`. */
export const fetchedTranscriptSchema = z.union([transcriptSchema, z.object({ transcript: transcriptSchema })]);

export const segmentsOf = (parsed: z.output<typeof fetchedTranscriptSchema>): TranscriptSegment[] =>
  Array.isArray(parsed) ? parsed : parsed.transcript;

/** No segment with any words in it: the meeting ends as no_transcript. */
export const isEmptyTranscript = (segments: TranscriptSegment[] | null | undefined) =>
  !segments || segments.every((s) => s.text.trim() === '');
