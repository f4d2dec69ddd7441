import { createLlmScorer } from '../../src/activities/mira/llm-scorer';
import { DEFAULT_TEMPLATE, type ScoreInput } from '../../src/domain/mira/types';
import { llmAnswer, startChatCompletionsServer } from '../helpers/chat-completions-server';
import { GOOD_CALL } from '../helpers/mira-transcripts';

const input: ScoreInput = {
  transcript: GOOD_CALL,
  callType: 'discovery',
  template: DEFAULT_TEMPLATE,
  prospect: { name: 'Dana', title: 'VP Sales', company: 'Acme', industry: 'SaaS' },
  extractInsights: true,
};
const names = DEFAULT_TEMPLATE.criteria.map((c) => c.name);
const options = (url: string) => ({ url, model: 'test-model', apiKey: 'sk-test', timeoutMs: 5000, maxAttempts: 3 });

describe('the LLM scorer against a chat-completions server', () => {
  it('asks for JSON with the model and key, and turns a valid answer into a report', async () => {
    const server = await startChatCompletionsServer([llmAnswer(names, 7.5)]);
    try {
      const result = await createLlmScorer(options(server.url)).score(input);
      expect(result.scorer).toBe('llm:test-model');
      expect(result.overallScore).toBe(7.5);
      expect(result.criteria.map((c) => c.name)).toEqual(names);
      expect(result.criteria[0]!.weight).toBe(DEFAULT_TEMPLATE.criteria[0]!.weight);
      expect(result.insights).toEqual([{ kind: 'competitor', summary: 'Uses Clari', quote: 'We currently use Clari' }]);
      const [request] = server.requests;
      expect(request!.headers.authorization).toBe('Bearer sk-test');
      expect(request!.body.model).toBe('test-model');
      expect(request!.body.response_format).toEqual({ type: 'json_object' });
      expect(request!.body.messages.at(-1)!.content).toContain('We currently use Clari');
    } finally {
      await server.close();
    }
  });

  it('asks again, saying what was wrong, when the answer is not JSON or scores other criteria', async () => {
    const server = await startChatCompletionsServer([
      'Sure! Here is my review.',
      llmAnswer(['Other']),
      llmAnswer(names, 6),
    ]);
    try {
      const result = await createLlmScorer(options(server.url)).score(input);
      expect(result.overallScore).toBe(6);
      expect(server.requests).toHaveLength(3);
      expect(server.requests[1]!.body.messages.at(-1)!.content).toMatch(/invalid \(the answer was not JSON\)/);
      expect(server.requests[2]!.body.messages.at(-1)!.content).toMatch(/criteria must be exactly/);
    } finally {
      await server.close();
    }
  });

  it('gives up after maxAttempts invalid answers with a non-retryable failure naming the problem', async () => {
    const server = await startChatCompletionsServer(['{"criteria": "nope"}']);
    try {
      await expect(createLlmScorer(options(server.url)).score(input)).rejects.toMatchObject({
        nonRetryable: true,
        message: expect.stringMatching(/no valid scoring in 3 attempts: criteria/),
      });
      expect(server.requests).toHaveLength(3);
    } finally {
      await server.close();
    }
  });

  it('treats a refused request as final and a 5xx as worth retrying', async () => {
    const refused = await startChatCompletionsServer([{ status: 401 }]);
    const down = await startChatCompletionsServer([{ status: 503 }]);
    try {
      await expect(createLlmScorer(options(refused.url)).score(input)).rejects.toMatchObject({ nonRetryable: true });
      const err = await createLlmScorer(options(down.url))
        .score(input)
        .catch((e: unknown) => e);
      expect((err as Error).message).toMatch(/HTTP 503/);
      expect((err as { nonRetryable?: boolean }).nonRetryable).toBeUndefined();
    } finally {
      await refused.close();
      await down.close();
    }
  });
});
