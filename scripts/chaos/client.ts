import { createHash } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { sleep } from './stack/child';
import type { History, RequestRecord } from './history';

/** Longer than every bound MIR sets on an answer (30 s): no answer by then is no answer at all. */
const NO_ANSWER_MS = 60_000;
/** Fields shown once (keys, secrets, tokens, link codes): the history keeps their fingerprint only. */
const SECRET = /^(apiKey|secret|token|inviteUrl|password)$/;
const isSecret = (key: string, value: string) =>
  SECRET.test(key) || (key === 'code' && /^[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(value));

export const fingerprint = (value: string) => `fp:${createHash('sha256').update(value).digest('hex').slice(0, 16)}`;

function masked(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(masked);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, typeof v === 'string' && isSecret(k, v) ? fingerprint(v) : masked(v)]),
    );
  }
  return value;
}

/** A page's heading says what the person saw ("Linked", "This link has already been used"). */
const pageTitle = (html: string) => /<h1>([^<]*)<\/h1>/.exec(html)?.[1]?.trim() ?? '';

export interface Call {
  op: string;
  flow: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  /** What the checker needs to know was sent. */
  sent?: Record<string, unknown>;
  attempt?: number;
  /** Sent to this API process while it is up (a flood aimed at one process). */
  api?: string;
  /** Record the status only: the answer holds a secret in free text (the dev outbox's mails). */
  quiet?: boolean;
}

export interface Answer {
  status: number | null;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  body: any;
  error?: string;
  api: string;
}

export interface ApiTarget {
  name: string;
  url: string;
  up: boolean;
}

/**
 * Every request of the run goes through here: sent to an API process that is up (as a load
 * balancer would), and recorded with its answer, or the lack of one, in the history.
 */
export class ChaosClient {
  private readonly agents = new Map<string, Agent>();
  private turn = 0;
  /** Set at the end: flows still running stop at their next request. */
  closed = false;

  constructor(
    private readonly history: History,
    private readonly apis: () => ApiTarget[],
  ) {}

  private async target(pinned?: string): Promise<ApiTarget> {
    for (;;) {
      const live = this.apis().filter((a) => a.up && (!pinned || a.name === pinned));
      if (live.length > 0) return live[(this.turn += 1) % live.length]!;
      await sleep(100);
    }
  }

  private agentFor(name: string): Agent {
    let agent = this.agents.get(name);
    // `timeout` lets the agent honour the server's Keep-Alive hint (Node drops an idle socket a
    // second before the server does only when it has a timeout of its own to shorten).
    if (!agent) this.agents.set(name, (agent = new Agent({ keepAlive: true, timeout: NO_ANSWER_MS })));
    return agent;
  }

  async send(call: Call): Promise<Answer> {
    const target = await this.target(call.api);
    const headers: Record<string, string> = { ...call.headers };
    let payload: string | undefined;
    if (call.json !== undefined) {
      payload = JSON.stringify(call.json);
      headers['content-type'] = 'application/json';
    } else if (call.form) {
      payload = new URLSearchParams(call.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const at = Date.now();
    const answer = await this.exchange(target, call.method, call.path, headers, payload);
    const record: RequestRecord = {
      t: 'req',
      id: this.history.nextId(),
      op: call.op,
      flow: call.flow,
      attempt: call.attempt ?? 1,
      api: target.name,
      method: call.method,
      path: call.path.replace(/^\/link\/[^/?]+/, '/link/[token]'),
      at,
      end: Date.now(),
      ...(headers['idempotency-key'] ? { idem: headers['idempotency-key'] } : {}),
      ...(call.sent ? { sent: call.sent } : {}),
      ...(answer.status !== null ? { status: answer.status } : { error: answer.error }),
      ...(typeof answer.headers['retry-after'] === 'string' ? { retryAfter: answer.headers['retry-after'] } : {}),
      ...(answer.body !== undefined && !call.quiet ? { answer: masked(answer.body) } : {}),
      ...(answer.body === undefined && /<h1>/.test(answer.text) ? { answer: { page: pageTitle(answer.text) } } : {}),
    };
    this.history.write(record);
    return answer;
  }

  private exchange(target: ApiTarget, method: string, path: string, headers: Record<string, string>, payload?: string) {
    return new Promise<Answer>((resolve) => {
      const url = new URL(path, target.url);
      const req = httpRequest(
        url,
        {
          method,
          headers: { ...headers, 'content-length': String(Buffer.byteLength(payload ?? '')) },
          agent: this.agentFor(target.name),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (err) =>
            resolve({
              status: null,
              headers: {},
              text: '',
              body: undefined,
              error: `body: ${err.message}`,
              api: target.name,
            }),
          );
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown;
            try {
              if (/json/.test(String(res.headers['content-type']))) body = JSON.parse(text || 'null');
            } catch {
              body = { unparsable: text.slice(0, 200) };
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body, api: target.name });
          });
        },
      );
      req.setTimeout(NO_ANSWER_MS, () => req.destroy(new Error('no answer in 60 s')));
      req.on('error', (err: NodeJS.ErrnoException) =>
        resolve({
          status: null,
          headers: {},
          text: '',
          body: undefined,
          error: err.code ?? err.message,
          api: target.name,
        }),
      );
      req.end(payload);
    });
  }

  close(): void {
    this.closed = true;
    for (const agent of this.agents.values()) agent.destroy();
  }
}
