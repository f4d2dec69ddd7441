import { type Config, publicUrl } from '../config';
import type { Database } from '../db/client';
import type { QueuedMail } from '../db/queries/mail-queue';
import { findOrganization } from '../db/queries/organizations';
import type { Mail } from '../mail/mailer';

/**
 * A partner's DELETE regulation ended the person's link (src/db/queries/regulation-steps.ts): they
 * hear which partner, that it no longer sees their history, and that what it sent is deleted.
 * Rendered when sent, so it names the organisation as it is called then.
 */
export async function linkRemovedMail(deps: { database: Database; config: Config }, mail: QueuedMail): Promise<Mail> {
  if (mail.organizationId === null) throw new Error(`queued mail ${mail.id} names no organisation`);
  const org = await findOrganization(deps.database.db, mail.organizationId);
  if (!org) throw new Error(`queued mail ${mail.id} names an organisation that is gone`);
  return {
    to: mail.toEmail,
    subject: `${org.name} removed its link to your MIR account`,
    text:
      `${org.name} asked MIR to delete its data about you, which ended the link between your MIR account and ` +
      `your account with them. It no longer sees your participation history, and the events it had sent MIR ` +
      `about you are being deleted. Your other links are unchanged (${publicUrl(deps.config)}/v1/me/links lists ` +
      `them). To link again, ask ${org.name} for a new invite or code.`,
  };
}
