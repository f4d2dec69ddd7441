import type { TranscriptSegment } from './types';

export const SPEAKER_ROLES = ['rep', 'prospect'] as const;
export type SpeakerRole = (typeof SPEAKER_ROLES)[number];

/** Labels call recorders and dialers give the seller's channel; MIRA_REP_LABELS replaces them. */
export const DEFAULT_REP_LABELS = ['Sales Rep', 'Rep', 'Agent', 'AE', 'SDR', 'BDR', 'Account Executive'];

/** What tells the rep apart: the meeting's own `speakers`, the rep's (user's) name, the configured labels. */
export interface SpeakerHints {
  explicit?: Record<string, SpeakerRole> | null;
  repName?: string | null;
  repLabels?: readonly string[];
}

/** How the rep's lines were found; `none` when nothing said which speaker is the rep. */
export type RepFoundBy = 'explicit' | 'label' | 'name' | 'none';

export interface SpeakerRoles {
  isRep: (speaker: string) => boolean;
  repSpeakers: string[];
  prospectSpeakers: string[];
  foundBy: RepFoundBy;
}

/** Case, spacing and punctuation around a label do not matter: " sales  rep:" is "sales rep". */
export const normalLabel = (label: string) =>
  label
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** The speaker labelled with the rep's full name, else the one (only one) labelled with the first name. */
function byName(labels: string[], repName: string | null | undefined): string[] {
  const full = normalLabel(repName ?? '');
  if (!full) return [];
  const fullMatch = labels.filter((l) => normalLabel(l) === full);
  if (fullMatch.length > 0) return fullMatch;
  const first = full.split(' ')[0]!;
  const firstMatch = labels.filter((l) => normalLabel(l) === first || normalLabel(l).split(' ')[0] === first);
  // Two speakers sharing the rep's first name ("Alex Kim", "Alex Wong"): the name tells nothing.
  return firstMatch.length === 1 ? firstMatch : [];
}

/**
 * Which speakers are the rep: the speakers the meeting names explicitly (they win), else a speaker
 * labelled `rep` or one of the rep labels, else the speaker whose label is the rep's full or first
 * name. Everyone else is the prospect's side. With no rep found `foundBy` is `none` and the scorer
 * says so instead of scoring a call in which "the rep" never spoke.
 */
export function resolveSpeakers(transcript: readonly TranscriptSegment[], hints: SpeakerHints = {}): SpeakerRoles {
  const labels = [...new Set(transcript.map((s) => s.speaker))];
  const explicit = new Map(Object.entries(hints.explicit ?? {}).map(([k, v]) => [normalLabel(k), v]));
  const repLabels = new Set(['rep', ...(hints.repLabels ?? DEFAULT_REP_LABELS)].map(normalLabel));
  const unnamed = labels.filter((l) => !explicit.has(normalLabel(l)));
  const explicitRep = labels.filter((l) => explicit.get(normalLabel(l)) === 'rep');
  const inferred: Array<[RepFoundBy, string[]]> = [
    ['label', unnamed.filter((l) => repLabels.has(normalLabel(l)))],
    ['name', byName(unnamed, hints.repName)],
  ];
  // The meeting's own word is final; a label and the rep's name can both be the rep (a re-labelled channel).
  const hits: Array<[RepFoundBy, string[]]> =
    explicitRep.length > 0 ? [['explicit', explicitRep]] : inferred.filter(([, l]) => l.length > 0);
  const rep = new Set(hits.flatMap(([, l]) => l));
  const foundBy: RepFoundBy = hits[0]?.[0] ?? 'none';
  return {
    isRep: (speaker) => rep.has(speaker),
    repSpeakers: [...rep],
    prospectSpeakers: labels.filter((l) => !rep.has(l)),
    foundBy,
  };
}
