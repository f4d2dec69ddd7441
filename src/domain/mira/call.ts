import { type Sentence, sentencesOf } from './nlp';
import type { TranscriptSegment } from './types';

export type TimedSentence = Sentence & { startMs: number };

/** Consecutive segments of one side: the rep's turn or the prospect side's. */
export interface Turn {
  rep: boolean;
  speaker: string;
  startMs: number;
  text: string;
  sentences: TimedSentence[];
}

/** The call as turns of sentences; each sentence keeps the start of the segment it was said in. */
export function readCall(transcript: readonly TranscriptSegment[], isRep: (speaker: string) => boolean): Turn[] {
  const turns: Turn[] = [];
  for (const segment of transcript) {
    if (segment.text.trim() === '') continue;
    const rep = isRep(segment.speaker);
    const sentences = sentencesOf(segment.text).map((s) => ({ ...s, startMs: segment.start_ms }));
    const last = turns.at(-1);
    if (last && last.rep === rep) {
      last.text += ` ${segment.text}`;
      last.sentences.push(...sentences);
    } else {
      turns.push({ rep, speaker: segment.speaker, startMs: segment.start_ms, text: segment.text, sentences });
    }
  }
  return turns;
}

/** "[02:15]": where a moment is in the call. */
export function clock(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hours = Math.floor(seconds / 3600);
  const mmss = `${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
  return `[${hours > 0 ? `${hours}:` : ''}${mmss}]`;
}

/** A sentence short enough to quote in a line of feedback. */
export function shortQuote(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `"${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}"`;
}
