import type { Answer, Call, ChaosClient } from '../client';
import type { History } from '../history';
import type { Rng } from '../rng';
import { sleep } from '../stack/child';

export interface Org {
  label: string;
  id: string;
  ownerKey: string;
  /** Decides spawns the owner key requested (a requester never decides its own). */
  adminKey: string;
  endpointId: string;
  /** Partner user ids events are sent for (a fixed set, so users gather history). */
  users: string[];
  /** Agents at depth 2: a child spawned under one waits for approval. */
  approvalParents: string[];
  /** Agents whose keys are rotated, one rotation at a time each; `key` is the newest one known. */
  rotationAgents: { id: string; key: string | null; busy: boolean }[];
}

export interface TrafficContext {
  client: ChaosClient;
  history: History;
  adminToken: string;
  orgs: Org[];
  mira: { key: string; reps: string[] };
  transcriptUrl: (path: string) => string;
  receiverUrl: (label: string) => string;
  /** Every signing secret each endpoint was given, kept in memory only, to verify receipts at the end. */
  webhookSecrets: Map<string, string[]>;
}

/** One scenario run: its id names every request it sends, its stream makes every choice. */
export interface Flow {
  ctx: TrafficContext;
  id: string;
  rng: Rng;
}

/** How long a partner keeps retrying one call before giving up (faults last at most ~25 s). */
const RETRY_BUDGET_MS = 150_000;

const inProgress = (a: Answer) => a.status === 409 && a.body?.error?.code === 'idempotency_request_in_progress';

/** Worth retrying with the same key: no answer, a 5xx, a 429, or the first try still running. */
export const retryable = (a: Answer) => a.status === null || a.status >= 500 || a.status === 429 || inProgress(a);

function waitBefore(a: Answer, attempt: number): number {
  const retryAfter = Number(a.headers['retry-after']);
  const backoff = Math.min(5000, 250 * 2 ** Math.min(attempt, 5));
  return Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, 5000) : backoff;
}

/**
 * Sends `call` as a careful partner does: again with the same headers (so the same
 * Idempotency-Key) after no answer, a 5xx, a 429 or a 409 in-progress, waiting Retry-After.
 * Resolves with the last answer, retryable or not once the budget is spent.
 */
export async function answered(flow: Flow, call: Omit<Call, 'flow'>, budgetMs = RETRY_BUDGET_MS): Promise<Answer> {
  const deadline = Date.now() + budgetMs;
  for (let attempt = 1; ; attempt += 1) {
    const answer = await flow.ctx.client.send({ ...call, flow: flow.id, attempt });
    if (!retryable(answer) || Date.now() > deadline) return answer;
    await sleep(waitBefore(answer, attempt));
  }
}

/** Like `answered`, but a setup step that must succeed: throws on any other status. */
export async function must(flow: Flow, call: Omit<Call, 'flow'>, status: number): Promise<any> {
  const answer = await answered(flow, call);
  if (answer.status !== status) {
    throw new Error(`${call.method} ${call.path}: ${answer.status ?? answer.error} ${answer.text.slice(0, 300)}`);
  }
  return answer.body;
}

export const keyed = (apiKey: string, idem?: string) => ({
  'x-api-key': apiKey,
  ...(idem ? { 'idempotency-key': idem } : {}),
});

export const admin = (ctx: TrafficContext) => ({ authorization: `Bearer ${ctx.adminToken}` });

export function note(flow: Flow, kind: string, data: Record<string, unknown>): void {
  flow.ctx.history.write({ t: 'note', at: Date.now(), kind, flow: flow.id, data });
}
