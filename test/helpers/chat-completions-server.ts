import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequest {
  headers: Record<string, string | string[] | undefined>;
  body: { model: string; messages: Array<{ role: string; content: string }>; response_format?: unknown };
}

/**
 * A real HTTP server speaking the chat-completions protocol: POST /v1/chat/completions answers the
 * next scripted content (or status) in turn, and remembers what it was asked.
 */
export async function startChatCompletionsServer(
  script: Array<string | { status: number } | ((req: ChatRequest) => string)>,
): Promise<{ url: string; requests: ChatRequest[]; close: () => Promise<void> }> {
  const requests: ChatRequest[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += String(d)));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      const request = { headers: req.headers, body: JSON.parse(raw) } as ChatRequest;
      requests.push(request);
      const next = script[Math.min(requests.length - 1, script.length - 1)]!;
      if (typeof next === 'object') {
        res.writeHead(next.status, { 'content-type': 'application/json' }).end('{"error":{"message":"no"}}');
        return;
      }
      const content = typeof next === 'function' ? next(request) : next;
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: `chatcmpl-${requests.length}`,
          object: 'chat.completion',
          model: request.body.model,
          choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A valid scoring of these criteria, as a model would answer it. */
export function llmAnswer(criteria: string[], score = 8) {
  return JSON.stringify({
    criteria: criteria.map((name) => ({ name, score, feedback: `Feedback on ${name}` })),
    strengths: ['Asked good questions'],
    improvements: ['Confirm the next step'],
    next_steps: ['Send a recap email'],
    summary: 'A solid discovery call.',
    insights: [{ kind: 'competitor', summary: 'Uses Clari', quote: 'We currently use Clari' }],
  });
}
