import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Db } from '../db/client';
import { outbox } from '../db/schema';
import { newId } from '../domain/ids';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/**
 * Development: the outbox table is the mailbox (operators read it with GET /admin/outbox), so
 * a verification link is kept there as an inbox would keep it. Never used when SMTP_URL is set.
 */
export function outboxMailer(db: Db, logger: Logger): Mailer {
  return {
    async send(mail) {
      await db.insert(outbox).values({ id: newId('mail'), toEmail: mail.to, subject: mail.subject, text: mail.text });
      logger.info({ to: mail.to, subject: mail.subject }, 'mail written to the dev outbox');
    },
  };
}

export function smtpMailer(smtpUrl: string, from: string, logger: Logger, timeoutMs: number): Mailer {
  // Every wait bounded: a mail server that hangs fails the send (the mail queue tries again later).
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
      logger.info({ to: mail.to, subject: mail.subject }, 'mail sent');
    },
  };
}

export function createMailer(opts: {
  db: Db;
  logger: Logger;
  smtpUrl?: string;
  from: string;
  timeoutMs: number;
}): Mailer {
  return opts.smtpUrl
    ? smtpMailer(opts.smtpUrl, opts.from, opts.logger, opts.timeoutMs)
    : outboxMailer(opts.db, opts.logger);
}

/** The server refused the mail for good (an SMTP 5xx reply): sending it again would not help. */
export const refusedForGood = (err: unknown): boolean => {
  const code = (err as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500;
};
