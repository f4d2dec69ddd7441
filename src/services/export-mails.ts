import { type Config, publicUrl } from '../config';
import type { Database } from '../db/client';
import { recentExportsOf } from '../db/queries/exports';
import type { QueuedMail } from '../db/queries/mail-queue';
import { visibleStatus } from '../domain/exports';
import type { Mail } from '../mail/mailer';

/**
 * The person's export is ready (data-export workflow). Rendered when sent, from the newest
 * export: the mail names no link that works without logging in, so it holds nothing a reader of
 * the mailbox could download with.
 */
export async function exportReadyMail(deps: { database: Database; config: Config }, mail: QueuedMail): Promise<Mail> {
  if (mail.mirUserId === null) throw new Error(`queued mail ${mail.id} names no account`);
  const [newest] = await recentExportsOf(deps.database.db, mail.mirUserId, 1);
  const base = publicUrl(deps.config);
  const ready = newest?.expiresAt && visibleStatus(newest.status, newest.expiresAt, new Date()) === 'READY';
  if (!newest || !ready) {
    return {
      to: mail.toEmail,
      subject: 'Your MIR data export has expired',
      text: `Your MIR data export expired before this mail could reach you. Ask for a new one on ${base}/account/export.`,
    };
  }
  return {
    to: mail.toEmail,
    subject: 'Your MIR data export is ready',
    text:
      `The copy of everything MIR holds about you that you asked for is ready: log in on ${base}/account/export ` +
      `and download it, or call GET ${base}/v1/me/exports/${newest.id}/download with your session. ` +
      `It is deleted on ${newest.expiresAt!.toISOString()}. If you did not ask for it, change your password.`,
  };
}
