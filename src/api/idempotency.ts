import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { Db, Executor } from '../db/client';
import type { Logger } from 'pino';
import {
  type StoredKey,
  completeKey,
  findStoredResponse,
  releaseKey,
  reserveKey,
  storeResponse,
  tryLockIdempotencyKey,
} from '../db/queries/idempotency';
import type { Principal } from '../domain/principals';
import { ApiError } from '../domain/errors';
import { withoutSecrets } from './secret-fields';

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
  // A person's keys are theirs, in each organisation: never another member's, nor the partner keys'.
  if (principal.member) return `org:${principal.organizationId}:user:${principal.member.accountId}`;
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

const inProgress = () =>
  new ApiError(
    'idempotency_request_in_progress',
    'A request with this Idempotency-Key is still being processed; retry shortly',
    {
      retryAfterSeconds: 1,
    },
  );

/** What an earlier request with this key left: its answer to replay, or a refusal. */
function earlier(stored: StoredKey, fingerprint: string): IdempotentResult & { replayed: boolean } {
  if (stored.requestHash !== fingerprint) {
    throw new ApiError('idempotency_key_reused', 'This Idempotency-Key was already used with a different request');
  }
  if (stored.responseStatus === null) throw inProgress();
  return { status: stored.responseStatus, body: stored.responseBody, replayed: true };
}

export interface IdempotencyOptions {
  scope: string;
  key: string;
  fingerprint: string;
  /** Dotted paths of the answer's fields shown once: stored, and so replayed, as null. */
  secretFields: readonly string[];
}

/**
 * Runs `work` in one transaction with the stored answer, so the work and the record of it
 * commit together: a crash before commit leaves neither, and a retry simply runs again.
 * Only successful answers are stored; an error leaves the key free for a corrected retry.
 * `work` must use only the transaction it is given: it holds the request's one connection.
 */
export async function runInAnswerTransaction(
  db: Db,
  opts: IdempotencyOptions,
  work: (tx: Executor) => Promise<IdempotentResult>,
): Promise<IdempotentResult & { replayed: boolean }> {
  return db.transaction(async (tx) => {
    if (!(await tryLockIdempotencyKey(tx, opts.scope, opts.key))) throw inProgress();
    const stored = await findStoredResponse(tx, opts.scope, opts.key);
    if (stored) return earlier(stored, opts.fingerprint);
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

/**
 * For handlers that commit their own work and call Temporal, so must not run inside a
 * transaction: reserve the key in a short transaction (a duplicate meanwhile gets 409), run the
 * work holding no connection, then store the answer. A reservation whose request died is taken
 * over after `leaseMs`; the work itself is written to be safe to run again (business-key ids).
 */
export async function runReserved(
  db: Db,
  opts: IdempotencyOptions & { leaseMs: number; log: Logger },
  work: () => Promise<IdempotentResult>,
): Promise<IdempotentResult & { replayed: boolean }> {
  const replay = await db.transaction(async (tx) => {
    if (!(await tryLockIdempotencyKey(tx, opts.scope, opts.key))) throw inProgress();
    const stored = await findStoredResponse(tx, opts.scope, opts.key);
    if (stored && stored.responseStatus !== null) return earlier(stored, opts.fingerprint);
    if (!(await reserveKey(tx, opts.scope, opts.key, opts.fingerprint, opts.leaseMs))) {
      return earlier(
        stored ?? { requestHash: opts.fingerprint, responseStatus: null, responseBody: null },
        opts.fingerprint,
      );
    }
    return null;
  });
  if (replay) return replay;
  const settle = (what: string, write: Promise<void>) =>
    write.catch((err: unknown) =>
      opts.log.warn({ err }, `idempotency key not ${what}; it frees itself after its lease`),
    );
  let result: IdempotentResult;
  try {
    result = await work();
  } catch (err) {
    await settle('released', releaseKey(db, opts.scope, opts.key));
    throw err;
  }
  if (result.status < 300) {
    const stored = { requestHash: opts.fingerprint, responseStatus: result.status };
    await settle(
      'stored',
      completeKey(db, opts.scope, opts.key, {
        ...stored,
        responseBody: withoutSecrets(result.body, opts.secretFields),
      }),
    );
  } else {
    await settle('released', releaseKey(db, opts.scope, opts.key));
  }
  return { ...result, replayed: false };
}
