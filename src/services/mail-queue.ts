import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { type QueuedMail, claimDueMails, deleteQueuedMail, postponeQueuedMail } from '../db/queries/mail-queue';
import { type Mailer, refusedForGood } from '../mail/mailer';
import { EMAIL_TOKEN_TTL_MS } from './accounts';
import { renderQueuedMail } from './account-mails';

export interface MailQueueDeps {
  database: Database;
  config: Config;
  logger: Logger;
  mailer: Mailer;
}

const BATCH = 20;
const MAX_WAIT_MS = 60 * 60 * 1000;
/** A mail still failing after two days is dropped (and logged): its news is stale by then. */
const MAX_AGE_MS = EMAIL_TOKEN_TTL_MS;

/**
 * A claim lasts four SMTP waits (MIR_SMTP_TIMEOUT_MS), longer than a send to a server that answers
 * at all: a mail is sent twice only when its sender died mid-send (or the server crawled).
 */
const leaseMs = (deps: MailQueueDeps) => 4 * deps.config.MIR_SMTP_TIMEOUT_MS;

/**
 * Sends the due queued mails (or only `id`, not claimed yet) and deletes each one sent; a failed
 * send is tried again after MIR_MAIL_RETRY_MS, doubling up to an hour. Answers how many it claimed.
 */
export async function sendQueuedMails(deps: MailQueueDeps, id?: string): Promise<number> {
  const mails = await claimDueMails(deps.database.db, { id, leaseMs: leaseMs(deps), limit: BATCH });
  // At once: each claim is timed for one send, not for the sends queued before it.
  await Promise.all(mails.map((mail) => sendOne(deps, mail)));
  return mails.length;
}

async function sendOne(deps: MailQueueDeps, mail: QueuedMail): Promise<void> {
  const db = deps.database.db;
  const about = { mailId: mail.id, kind: mail.kind, attempts: mail.attempts };
  try {
    await deps.mailer.send(await renderQueuedMail(deps, mail));
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

const sendOneSoon = (deps: MailQueueDeps, id: string) =>
  sendQueuedMails(deps, id).catch((err: unknown) =>
    deps.logger.warn({ err, mailId: id }, 'queued mail not sent now; the mail queue sends it later'),
  );

/** Right after the answer that queued it (the person waits for neither SMTP nor its failure). */
export function sendQueuedMailSoon(deps: MailQueueDeps, id: string): void {
  void sendOneSoon(deps, id);
}

/** Several (an import may add 500 people), a batch at a time, each as sendQueuedMailSoon sends one. */
export function sendQueuedMailsSoon(deps: MailQueueDeps, ids: readonly string[]): void {
  void (async () => {
    for (let i = 0; i < ids.length; i += BATCH) {
      await Promise.all(ids.slice(i, i + BATCH).map((id) => sendOneSoon(deps, id)));
    }
  })();
}

/**
 * What the answers left behind (a send that failed, or a process that died before or during
 * it): every MIR_MAIL_RETRY_MS each API process sends the due mails, any process's alike.
 */
export function runMailQueue(deps: MailQueueDeps): { stop(): void } {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      while ((await sendQueuedMails(deps)) === BATCH);
    } catch (err) {
      deps.logger.warn({ err }, 'mail queue could not run');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), deps.config.MIR_MAIL_RETRY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
