/** How a client retries an answer that says "not now": 429 (rate limited) and 503 (unavailable). */
export interface RetryOptions {
  /** Attempts in all, the first included; 1 never retries. Default 3. */
  maxAttempts?: number;
  /**
   * The longest wait a Retry-After may ask for, in seconds (default 60, one rate-limit window).
   * An answer asking for longer is returned as it is, not retried early: a retry before the time
   * the server named would only be refused again.
   */
  maxDelaySeconds?: number;
}

export interface ClientOptions {
  /** Where the API answers, without a trailing path: `https://mir.example.com`. */
  baseUrl: string;
  /** A fetch of your own (a proxy agent, a test double, instrumentation); default the global fetch. */
  fetch?: typeof fetch;
  retries?: RetryOptions;
}

/** Only these say "the same request may succeed later"; every other 4xx is the caller's to fix. */
const RETRIED = new Set([429, 503]);
/** Writes carry an Idempotency-Key, so a retry (ours or the caller's) never acts twice. */
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

/** Retry-After in seconds (the API's form) or as an HTTP date; without one, 1, 2, 4 … seconds. */
export function retryDelaySeconds(response: Response, attempt: number): number {
  const header = response.headers.get('retry-after')?.trim() ?? '';
  if (/^\d+$/.test(header)) return Number(header);
  const date = Date.parse(header);
  if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - Date.now()) / 1000));
  return 2 ** (attempt - 1);
}

/**
 * The fetch a generated client sends through: fixed headers (authentication) added unless the call
 * set its own, an Idempotency-Key on every write that has none (generated once per call, so each
 * retry of it carries the same key and the server acts at most once), and retries of 429 and 503
 * after the Retry-After the answer names, up to `maxAttempts`.
 */
export function resilientFetch(headers: Record<string, string>, options: ClientOptions): typeof fetch {
  const send = options.fetch ?? globalThis.fetch;
  const maxAttempts = Math.max(1, options.retries?.maxAttempts ?? 3);
  const maxDelaySeconds = options.retries?.maxDelaySeconds ?? 60;
  return async (input, init) => {
    const request = new Request(input, init);
    for (const [name, value] of Object.entries(headers)) {
      if (!request.headers.has(name)) request.headers.set(name, value);
    }
    if (WRITES.has(request.method) && !request.headers.has('idempotency-key')) {
      request.headers.set('idempotency-key', globalThis.crypto.randomUUID());
    }
    for (let attempt = 1; ; attempt += 1) {
      // A clone per attempt: a request body can be read once.
      const response = await send(request.clone());
      if (!RETRIED.has(response.status) || attempt >= maxAttempts) return response;
      const delay = retryDelaySeconds(response, attempt);
      if (delay > maxDelaySeconds) return response;
      await response.body?.cancel();
      await sleep(delay * 1000, request.signal);
    }
  };
}
