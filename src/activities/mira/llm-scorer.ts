import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import { resolveSpeakers } from '../../domain/mira/speakers';
import { INSIGHT_KINDS, type ScoreInput, type ScoreResult, type Scorer, roundScore } from '../../domain/mira/types';

export interface LlmOptions {
  /** Base URL of an OpenAI-compatible API (e.g. https://api.openai.com/v1); we POST to <url>/chat/completions. */
  url: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
  /** Calls per scoring when the answer is not valid JSON of the asked shape. */
  maxAttempts: number;
}

/** Longest transcript text sent to the model; the rest is cut (and the prompt says so). */
const MAX_TRANSCRIPT_CHARS = 120_000;

const answerSchema = z.object({
  criteria: z.array(
    z.object({ name: z.string(), score: z.number().min(0).max(10), feedback: z.string().min(1).max(4000) }),
  ),
  strengths: z.array(z.string().max(1000)).max(20),
  improvements: z.array(z.string().max(1000)).max(20),
  next_steps: z.array(z.string().max(1000)).max(20),
  summary: z.string().min(1).max(4000),
  insights: z
    .array(
      z.object({
        kind: z.enum(INSIGHT_KINDS),
        summary: z.string().min(1).max(500),
        quote: z.string().min(1).max(2000),
      }),
    )
    .max(100),
});
type Answer = z.output<typeof answerSchema>;

const chatResponseSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable() }) })).min(1),
});

function prompt(input: ScoreInput): Array<{ role: 'system' | 'user'; content: string }> {
  const t = input.template;
  // The same rule as the rubric scorer says who the rep is; the model is told rather than left to guess.
  const roles = resolveSpeakers(input.transcript, input.speakers);
  const role = (speaker: string) => (roles.isRep(speaker) ? ' (rep)' : '');
  const lines = input.transcript
    .map((s) => `[${Math.floor(s.start_ms / 1000)}s] ${s.speaker}${role(s.speaker)}: ${s.text}`)
    .join('\n');
  const transcript = lines.length > MAX_TRANSCRIPT_CHARS ? `${lines.slice(0, MAX_TRANSCRIPT_CHARS)}\n[cut]` : lines;
  const p = input.prospect;
  return [
    {
      role: 'system',
      content:
        `You are a sales coach. ${t.promptTemplate}\nCoaching tone: ${t.coachingTone}. Call type: ${input.callType}.` +
        (t.industryContext ? `\nIndustry context: ${t.industryContext}` : '') +
        '\nAnswer with one JSON object only: {"criteria":[{"name","score" (0-10),"feedback"}],"strengths":[],' +
        '"improvements":[],"next_steps":[],"summary":"","insights":[{"kind","summary","quote"}]}. ' +
        `Score exactly these criteria, by name: ${JSON.stringify(t.criteria)}. ` +
        `Insight kinds: ${INSIGHT_KINDS.join(', ')}; quote the prospect's words.` +
        (input.extractInsights ? '' : ' This is a practice conversation: answer "insights": [].'),
    },
    {
      role: 'user',
      content: `Prospect: ${[p.name, p.title, p.company, p.industry].filter(Boolean).join(', ') || 'unknown'}\nTranscript:\n${transcript}`,
    },
  ];
}

/** The answer's problem in one line, or null when it is a usable scoring of exactly the template's criteria. */
function problemWith(content: string | null, input: ScoreInput): { problem: string } | { answer: Answer } {
  let json: unknown;
  try {
    json = JSON.parse(content ?? '');
  } catch {
    return { problem: 'the answer was not JSON' };
  }
  const parsed = answerSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { problem: `${issue?.path.join('.') || 'answer'}: ${issue?.message ?? 'invalid'}` };
  }
  const names = input.template.criteria.map((c) => c.name).sort();
  const scored = parsed.data.criteria.map((c) => c.name).sort();
  if (JSON.stringify(names) !== JSON.stringify(scored)) {
    return { problem: `criteria must be exactly ${JSON.stringify(names)}, got ${JSON.stringify(scored)}` };
  }
  return { answer: parsed.data };
}

async function complete(options: LlmOptions, messages: unknown[]): Promise<string | null> {
  const res = await fetch(`${options.url.replace(/\/$/, '')}/chat/completions`, {
    method: 'POST',
    signal: AbortSignal.timeout(options.timeoutMs),
    headers: {
      'content-type': 'application/json',
      ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
    },
    body: JSON.stringify({ model: options.model, messages, temperature: 0, response_format: { type: 'json_object' } }),
  });
  const text = await res.text();
  if (res.status === 429 || res.status >= 500) throw new Error(`LLM answered HTTP ${res.status}`);
  if (!res.ok) throw ApplicationFailure.nonRetryable(`LLM refused the request: HTTP ${res.status}`, 'MiraLlmRefused');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error('LLM answer is not JSON');
  }
  const parsed = chatResponseSchema.safeParse(body);
  if (!parsed.success) throw new Error('LLM answer is not a chat completion');
  return parsed.data.choices[0]?.message.content ?? null;
}

function toResult(answer: Answer, input: ScoreInput, model: string): ScoreResult {
  const byName = new Map(answer.criteria.map((c) => [c.name, c]));
  const criteria = input.template.criteria.map((c) => {
    const scored = byName.get(c.name);
    return { name: c.name, weight: c.weight, score: roundScore(scored?.score ?? 0), feedback: scored?.feedback ?? '' };
  });
  const total = criteria.reduce((n, c) => n + c.weight, 0) || 1;
  return {
    scorer: `llm:${model}`,
    overallScore: roundScore(criteria.reduce((n, c) => n + c.score * c.weight, 0) / total),
    criteria,
    strengths: answer.strengths,
    improvements: answer.improvements,
    nextSteps: answer.next_steps,
    summary: answer.summary,
    metrics: {},
    insights: input.extractInsights ? answer.insights : [],
  };
}

/**
 * An OpenAI-compatible chat-completions client. It asks for JSON, validates it with zod, and on an
 * unusable answer asks again (telling the model what was wrong) up to `maxAttempts` times.
 */
export function createLlmScorer(options: LlmOptions): Scorer {
  return {
    name: `llm:${options.model}`,
    async score(input) {
      const messages: unknown[] = prompt(input);
      let last = '';
      for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
        const content = await complete(options, messages);
        const checked = problemWith(content, input);
        if ('answer' in checked) return toResult(checked.answer, input, options.model);
        last = checked.problem;
        messages.push(
          { role: 'assistant', content: content ?? '' },
          { role: 'user', content: `That answer is invalid (${last}). Answer again with the JSON object only.` },
        );
      }
      throw ApplicationFailure.nonRetryable(
        `LLM gave no valid scoring in ${options.maxAttempts} attempts: ${last}`,
        'MiraLlmInvalidOutput',
      );
    },
  };
}
