import { type Config, publicUrl } from '../config';
import type { Database } from '../db/client';
import { approverMailFacts } from '../db/queries/approver-mails';
import type { QueuedMail } from '../db/queries/mail-queue';
import type { Mail } from '../mail/mailer';

const list = (items: readonly string[]) => (items.length ? items.join(', ') : 'none');

/**
 * "A spawn request waits for you" and its reminder a day before the deadline, to an ADMIN/OWNER
 * member. Rendered when sent, from the request as it is then: null (nothing is sent) once it is
 * decided or expired, or once the recipient no longer approves for the organisation. Names chosen
 * by the partner stay in the body, never in the subject (a header).
 */
export async function spawnApprovalMail(
  deps: { database: Database; config: Config },
  mail: QueuedMail,
): Promise<Mail | null> {
  if (mail.spawnRequestId === null || mail.mirUserId === null) {
    throw new Error(`queued mail ${mail.id} names no spawn request or account`);
  }
  const facts = await approverMailFacts(deps.database.db, {
    spawnRequestId: mail.spawnRequestId,
    mirUserId: mail.mirUserId,
  });
  if (!facts) return null;
  const reminder = mail.kind === 'spawn-approval-reminder';
  const asked = facts.child.config?.permissions ?? [];
  const beyond = asked.filter((p) => !facts.parent_permissions.includes(p));
  const deadline = new Date(facts.expires_at).toISOString();
  return {
    to: mail.toEmail,
    subject: `${reminder ? 'Reminder: spawn' : 'Spawn'} request ${facts.id} waits for your approval`,
    text: [
      `${reminder ? 'Still waiting, and expiring within a day' : 'Waiting for an OWNER or ADMIN to decide'}: ` +
        `spawn request ${facts.id} in the organisation ${JSON.stringify(facts.organization_name)} (${facts.organization_id}).`,
      '',
      `Agent ${JSON.stringify(facts.parent_name)} (${facts.parent_agent_id}) asks to spawn ` +
        `${JSON.stringify(facts.child.name)} (${facts.child.id}).`,
      `Permissions the child asks for: ${list(asked)}.`,
      `Permissions its parent has: ${list(facts.parent_permissions)}.`,
      ...(beyond.length ? [`Asked for beyond the parent's: ${list(beyond)}.`] : []),
      `Why it needs approval: ${list(facts.approval_reasons)}.`,
      `Deadline: ${deadline}. Undecided by then, it expires and the child is never created.`,
      '',
      `Approve or reject spawn request ${facts.id} on ${publicUrl(deps.config)}/console/orgs/${facts.organization_id}/spawn-requests#request-${facts.id}`,
      `You receive this as an OWNER or ADMIN of the organisation.`,
    ].join('\n'),
  };
}
