import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { type QueuedMail, deleteQueuedMail, postponeQueuedMail } from '../db/queries/mail-queue';
import { type Mailer, refusedForGood } from '../mail/mailer';
import { EMAIL_TOKEN_TTL_MS } from './accounts';
import { renderQueuedMail } from './account-mails';

export interface MailQueueDeps {
  database: Database;
  config: Config;
  logger: Logger;
  mailer: Mailer;
}

const MAX_WAIT_MS = 60 * 60 * 1000;
/** A mail still failing after two days is dropped (and logged): its news is stale by then. */
const MAX_AGE_MS = EMAIL_TOKEN_TTL_MS;

/**
 * A claim lasts four SMTP waits (MIR_SMTP_TIMEOUT_MS), longer than a send to a server that answers
 * at all: a mail is sent twice only when its sender died mid-send (or the server crawled).
 */
export const mailLeaseMs = (config: Pick<Config, 'MIR_SMTP_TIMEOUT_MS'>) => 4 * config.MIR_SMTP_TIMEOUT_MS;

/**
 * Sends one claimed mail (the worker's mail dispatcher, src/worker/mail-dispatcher.ts) and deletes
 * it once sent; a failed send is tried again after MIR_MAIL_RETRY_MS, doubling up to an hour.
 */
export async function sendQueuedMail(deps: MailQueueDeps, mail: QueuedMail): Promise<void> {
  const db = deps.database.db;
  const about = { mailId: mail.id, kind: mail.kind, attempts: mail.attempts };
  try {
    const rendered = await renderQueuedMail(deps, mail);
    if (rendered === null) {
      deps.logger.info(about, 'queued mail dropped: what it reports is over');
      return deleteQueuedMail(db, mail.id);
    }
    await deps.mailer.send(rendered);
  } catch (err) {
    if (refusedForGood(err) || Date.now() - mail.createdAt.getTime() > MAX_AGE_MS) {
      deps.logger.error({ err, ...about }, 'queued mail dropped: refused for good, or failing for too long');
      return deleteQueuedMail(db, mail.id);
    }
    const waitMs = Math.min(deps.config.MIR_MAIL_RETRY_MS * 2 ** (mail.attempts - 1), MAX_WAIT_MS);
    deps.logger.warn({ err, ...about, waitMs }, 'queued mail not sent; trying again later');
    return postponeQueuedMail(db, mail.id, waitMs);
  }
  await deleteQueuedMail(db, mail.id);
}
