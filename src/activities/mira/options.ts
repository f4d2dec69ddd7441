import type { Config } from '../../config';
import { AddressPolicy } from '../../domain/address-ranges';
import { targetPolicy } from '../../services/webhooks/target';
import { scoreWithRubric } from '../../domain/mira/rubric-scorer';
import { DEFAULT_REP_LABELS } from '../../domain/mira/speakers';
import type { Scorer } from '../../domain/mira/types';
import { createLlmScorer } from './llm-scorer';
import type { FetchBounds } from './transcript-fetch';

export interface MiraActivityOptions {
  scorer: Scorer;
  fetch: FetchBounds;
  /** Speaker labels that mean the rep (MIRA_REP_LABELS). */
  repLabels: readonly string[];
}

export const rubricScorer: Scorer = { name: 'rubric', score: async (input) => scoreWithRubric(input) };

/** The LLM client when MIRA_LLM_URL and MIRA_LLM_MODEL are set, else the rubric scorer. */
export function miraActivityOptions(config?: Config): MiraActivityOptions {
  const scorer =
    config?.MIRA_LLM_URL && config.MIRA_LLM_MODEL
      ? createLlmScorer({
          url: config.MIRA_LLM_URL,
          model: config.MIRA_LLM_MODEL,
          apiKey: config.MIRA_LLM_API_KEY,
          timeoutMs: config.MIRA_LLM_TIMEOUT_MS,
          maxAttempts: config.MIRA_LLM_MAX_ATTEMPTS,
        })
      : rubricScorer;
  return {
    scorer,
    repLabels: config?.MIRA_REP_LABELS ?? DEFAULT_REP_LABELS,
    fetch: {
      timeoutMs: config?.MIRA_TRANSCRIPT_FETCH_TIMEOUT_MS ?? 10_000,
      maxBytes: config?.MIRA_TRANSCRIPT_MAX_BYTES ?? 5_000_000,
      // Without a configuration (tests building activities by hand): development's open policy.
      policy: config ? targetPolicy(config) : { httpsOnly: false, addresses: new AddressPolicy(true) },
    },
  };
}
