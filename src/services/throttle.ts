import type { Executor } from '../db/client';
import { clearScope, countAttempt, refundAttempt } from '../db/queries/throttle';
import { hashSecret } from '../domain/keys';
import { ApiError } from '../domain/errors';

export interface ThrottleRule {
  scope: string;
  limit: number;
  windowSeconds: number;
}

export interface Admitted {
  /** The attempt was not a failure after all: it stops counting. */
  refund(): Promise<void>;
  /** A success that forgives the scope's earlier failures (a login clears its account's count). */
  clear(scope: string): Promise<void>;
}

/** Scopes name an address by its hash: the table is no list of who has accounts. */
export const emailScope = (kind: string, email: string) => `${kind}:email:${hashSecret(email)}`;
export const ipScope = (kind: string, ip: string | undefined) => `${kind}:ip:${ip ?? 'unknown'}`;

const refundAll = (db: Executor, rules: ThrottleRule[]) =>
  Promise.all(rules.map((r) => refundAttempt(db, r.scope))).then(() => undefined);

/**
 * Counts the attempt in every scope BEFORE the caller does anything expensive (argon2, a code
 * lookup, a mail), so parallel attempts cannot all pass a check made before any of them was
 * recorded. Over any limit, the counts are taken back (a refused attempt costs the attacker
 * nothing and the window does not move) and the caller gets 429 `too_many_attempts` with the
 * seconds until the fullest window ends (Retry-After).
 */
export async function admitAttempt(db: Executor, rules: ThrottleRule[], message: string): Promise<Admitted> {
  let retryAfterSeconds = 0;
  for (const rule of rules) {
    const counted = await countAttempt(db, rule.scope, rule.windowSeconds);
    if (counted.count > rule.limit) retryAfterSeconds = Math.max(retryAfterSeconds, counted.retryAfterSeconds);
  }
  if (retryAfterSeconds > 0) {
    await refundAll(db, rules);
    throw new ApiError('too_many_attempts', `${message}; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
  }
  return { refund: () => refundAll(db, rules), clear: (scope) => clearScope(db, scope) };
}

/**
 * At most `limit` per window for this scope, answered as a yes/no rather than an error: for
 * mails whose suppression must not show (a repeated sign-up is answered like the first).
 */
export async function withinQuota(db: Executor, rule: ThrottleRule): Promise<boolean> {
  const counted = await countAttempt(db, rule.scope, rule.windowSeconds);
  return counted.count <= rule.limit;
}
