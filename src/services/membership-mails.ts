import { type Config, publicUrl } from '../config';
import type { Database } from '../db/client';
import type { QueuedMail } from '../db/queries/mail-queue';
import { membershipForMail } from '../db/queries/memberships';
import type { Mail } from '../mail/mailer';

/**
 * An organisation's import made the person a member without asking them (at once for a verified
 * account, else when they verified): they hear who did, what the organisation now sees, and how
 * to leave. Rendered when sent, so it names the organisation as it is called then.
 */
export async function memberAddedMail(deps: { database: Database; config: Config }, mail: QueuedMail): Promise<Mail> {
  if (mail.mirUserId === null || mail.organizationId === null) {
    throw new Error(`queued mail ${mail.id} names no account or organisation`);
  }
  const found = await membershipForMail(deps.database.db, mail.mirUserId, mail.organizationId);
  if (!found) throw new Error(`queued mail ${mail.id} names an organisation that is gone`);
  const base = publicUrl(deps.config);
  const role = found.role ? ` as ${found.role}` : '';
  return {
    to: mail.toEmail,
    subject: `${found.name} added you as a member on MIR`,
    text:
      `${found.name} imported your email address into its member list on MIR, which made your MIR account ` +
      `one of its members${role}. It sees your email address and your role, not your history: partners ` +
      `see that only through a link you make yourself.\n` +
      `To leave, log in on ${base}/account/memberships and choose Leave, or call ` +
      `DELETE ${base}/v1/me/memberships/${mail.organizationId} with your session. ` +
      `Once you leave, importing your address again does not add you back.`,
  };
}
