import { type Config, publicUrl } from '../config';
import type { Database } from '../db/client';
import { addEmailToken } from '../db/queries/accounts';
import type { QueuedMail } from '../db/queries/mail-queue';
import type { Mail } from '../mail/mailer';
import { EMAIL_TOKEN_TTL_MS, newOpaqueToken } from './accounts';
import { verificationMail } from './email-verification';
import { memberAddedMail } from './membership-mails';
import { linkRemovedMail } from './regulation-mails';
import { exportReadyMail } from './export-mails';
import { spawnApprovalMail } from './spawn-approval-mails';

/**
 * The queued mails, written when they are sent (the member-added one in membership-mails.ts): a
 * verification token is made here, so the queue row never holds it, and each attempt mails a
 * token of its own (an earlier one that was never delivered stays unknown to anybody and expires).
 * Null: nothing to send any more (a spawn request decided before its approvers' mail left).
 */
export async function renderQueuedMail(
  deps: { database: Database; config: Config },
  mail: QueuedMail,
): Promise<Mail | null> {
  if (mail.kind === 'signup-taken') {
    return {
      to: mail.toEmail,
      subject: 'Someone tried to sign up with your email',
      text:
        `Someone tried to create a MIR account with this address, which already has one. If it was you, ` +
        `log in with your password, or set a new one at ${publicUrl(deps.config)}/account/password-reset. ` +
        `If not, ignore this message.`,
    };
  }
  if (mail.kind === 'member-added') return memberAddedMail(deps, mail);
  if (mail.kind === 'link-removed') return linkRemovedMail(deps, mail);
  if (mail.kind === 'export-ready') return exportReadyMail(deps, mail);
  if (mail.kind === 'spawn-approval-requested' || mail.kind === 'spawn-approval-reminder') {
    return spawnApprovalMail(deps, mail);
  }
  if (mail.mirUserId === null) throw new Error(`queued mail ${mail.id} names no account`);
  const verification = newOpaqueToken('mir_ev_');
  await addEmailToken(deps.database.db, {
    mirUserId: mail.mirUserId,
    tokenHash: verification.hash,
    ttlMs: EMAIL_TOKEN_TTL_MS,
  });
  return verificationMail(deps, mail.toEmail, verification.token);
}
