import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { Db, Executor } from '../db/client';
import { findStoredResponse, storeResponse, tryLockIdempotencyKey } from '../db/queries/idempotency';
import type { Principal } from './context';
import { ApiError } from './errors';

const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

export interface IdempotentResult {
  status: number;
  body?: unknown;
}

/** Null when the request carries no Idempotency-Key; a malformed one is a 400, not ignored. */
export function idempotencyKeyOf(req: Request): string | null {
  const raw = req.get('idempotency-key');
  if (raw === undefined) return null;
  const key = raw.replace(/^"(.*)"$/, '$1');
  if (!KEY_FORMAT.test(key)) {
    throw new ApiError('validation_failed', 'Idempotency-Key must be 1-255 printable ASCII characters', [
      { in: 'header', path: 'Idempotency-Key', message: 'invalid format' },
    ]);
  }
  return key;
}

/** Keys belong to the caller: another organisation (or agent) reusing a key never sees this answer. */
export function idempotencyScope(principal: Principal): string {
  if (principal.kind === 'admin') return 'admin';
  if (principal.kind === 'user') return `user:${principal.userId}`;
  return principal.agent
    ? `org:${principal.organizationId}:agent:${principal.agent.id}`
    : `org:${principal.organizationId}`;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestFingerprint(req: Request): string {
  return createHash('sha256')
    .update(`${req.method} ${req.path}\n${canonical(req.body ?? null)}`)
    .digest('hex');
}

/** Secrets are shown once: a replay answers with them nulled, never with a stored copy. */
function withoutSecrets(body: unknown, secretFields: readonly string[]): unknown {
  if (!body || typeof body !== 'object' || secretFields.length === 0) return body ?? {};
  const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const field of secretFields) if (field in copy) copy[field] = null;
  return copy;
}

/**
 * Runs `work` in one transaction with the stored answer, so the work and the record of it
 * commit together: a crash before commit leaves neither, and a retry simply runs again.
 * Only successful answers are stored; an error leaves the key free for a corrected retry.
 */
export async function runIdempotently(
  db: Db,
  opts: { scope: string; key: string; fingerprint: string; secretFields: readonly string[] },
  work: (tx: Executor) => Promise<IdempotentResult>,
): Promise<IdempotentResult & { replayed: boolean }> {
  return db.transaction(async (tx) => {
    if (!(await tryLockIdempotencyKey(tx, opts.scope, opts.key))) {
      throw new ApiError(
        'idempotency_request_in_progress',
        'A request with this Idempotency-Key is still being processed; retry shortly',
      );
    }
    const stored = await findStoredResponse(tx, opts.scope, opts.key);
    if (stored) {
      if (stored.requestHash !== opts.fingerprint) {
        throw new ApiError('idempotency_key_reused', 'This Idempotency-Key was already used with a different request');
      }
      return { status: stored.responseStatus, body: stored.responseBody, replayed: true };
    }
    const result = await work(tx);
    if (result.status < 300) {
      await storeResponse(tx, opts.scope, opts.key, {
        requestHash: opts.fingerprint,
        responseStatus: result.status,
        responseBody: withoutSecrets(result.body, opts.secretFields),
      });
    }
    return { ...result, replayed: false };
  });
}
