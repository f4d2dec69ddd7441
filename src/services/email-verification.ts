import { type Config, publicUrl } from '../config';
import {
  type MirUser,
  addEmailToken,
  findEmailTokenAccount,
  findSessionUser,
  useEmailToken,
} from '../db/queries/accounts';
import { hashSecret } from '../domain/keys';
import type { Mail } from '../mail/mailer';
import { EMAIL_TOKEN_TTL_MS, checkPassword, newOpaqueToken } from './accounts';
import type { ServiceDeps } from './deps';
import { ApiError } from '../domain/errors';
import { admitAttempt, emailScope } from './throttle';

type Deps = Pick<ServiceDeps, 'config' | 'database' | 'mailer' | 'passwords'>;

/** A person may ask for the verification mail again once every five minutes. */
export const RESEND_WINDOW_SECONDS = 5 * 60;

export function verificationMail(deps: { config: Config }, to: string, token: string): Mail {
  const base = publicUrl(deps.config);
  return {
    to,
    subject: 'Verify your MIR email address',
    text:
      `Confirm your address on ${base}/account/verify-email/${token}\n` +
      `or: POST ${base}/v1/users/verify-email with {"token":"${token}","password":"<your password>"}\n` +
      `If you did not create a MIR account with this address, someone else chose its password: set your own\n` +
      `with "Forgot your password?" on ${base}/account/password-reset (that verifies the address too).\n` +
      `Token: ${token}`,
  };
}

/** Linking and member invites need an address its owner proved; a new account has not yet. */
export function assertEmailVerified(person: { emailVerified: boolean }): void {
  if (!person.emailVerified) {
    throw new ApiError('email_not_verified', 'Verify your email address first; ask for a new mail if you need one');
  }
}

/** A new verification mail for a logged-in, unverified person; at most one per address every five minutes. */
export async function resendVerification(
  deps: Deps,
  person: { userId: string; email: string; emailVerified: boolean },
): Promise<void> {
  if (person.emailVerified) throw new ApiError('invalid_state', 'This email address is already verified');
  const db = deps.database.db;
  await admitAttempt(
    db,
    [{ scope: emailScope('verify-mail', person.email), limit: 1, windowSeconds: RESEND_WINDOW_SECONDS }],
    'A verification mail was sent a moment ago',
  );
  const verification = newOpaqueToken('mir_ev_');
  await addEmailToken(db, { mirUserId: person.userId, tokenHash: verification.hash, ttlMs: EMAIL_TOKEN_TTL_MS });
  await deps.mailer.send(verificationMail(deps, person.email, verification.token));
}

/** How the person proves the account is theirs, besides the mailbox: its session, or its password. */
export interface AccountProof {
  sessionHash: string | null;
  password?: string;
  /** The client address, counted with the password check like a login's. */
  ip: string | undefined;
}

/**
 * An address is verified only by someone who holds both the mailbox (the token) and the account
 * (a session of it, or its password): otherwise whoever signed up first at someone else's address,
 * choosing its password, would own the verified account once the real owner clicked the mail. The
 * real owner of such an account resets its password instead, which verifies the address too.
 * The password is checked like a login's, on the same counts (checkPassword): the token is no
 * way around the login throttle.
 */
async function assertAccountProof(
  deps: Deps,
  account: { mirUserId: string; email: string; passwordHash: string | null },
  proof: AccountProof,
) {
  if (proof.sessionHash) {
    const session = await findSessionUser(deps.database.db, proof.sessionHash);
    if (session?.id === account.mirUserId) return;
  }
  if (proof.password !== undefined && (await checkPassword(deps, account, proof.password, proof.ip))) return;
  throw new ApiError(
    'invalid_credentials',
    "Confirm with the account's password (or while logged in to it). Did not create this account? Reset its password instead.",
  );
}

/**
 * Uses the token and ends every other session of the account (all of them when the verification
 * carries no session of its own); the member auto-link's start commits with it (the outbox), so
 * the answer never waits for Temporal. Null for a bad, used or expired token.
 */
export async function verifyEmail(deps: Deps, token: string, proof: AccountProof): Promise<MirUser | null> {
  const tokenHash = hashSecret(token);
  const account = await findEmailTokenAccount(deps.database.db, tokenHash);
  if (!account) return null;
  await assertAccountProof(deps, account, proof);
  return useEmailToken(deps.database.db, tokenHash, proof.sessionHash);
}
