import { MAIL_QUEUE_CHANNEL, claimDueMails } from '../db/queries/mail-queue';
import { type MailQueueDeps, mailLeaseMs, sendQueuedMail } from '../services/mail-queue';
import { DrainLoop, type Pass } from './drain-loop';

/** Sends in flight at once. */
const IN_FLIGHT = 20;

/**
 * Sends the mail queue of this worker's task queue (the writer's TEMPORAL_TASK_QUEUE, migration
 * 0027): woken by NOTIFY at each commit that queued a mail, so a mail leaves as soon as the change
 * it reports has committed, and sweeping every MIR_MAIL_RETRY_MS for the retries that come due.
 * Each mail is claimed for a lease (SKIP LOCKED: a second worker takes other mails; those of a
 * worker killed mid-send are due again when their lease runs out) and sent on its own: a slow SMTP
 * server holds the sends it is slow with, never the claim of the next mail.
 */
export class MailDispatcher {
  private readonly loop: DrainLoop;
  private readonly sending = new Set<Promise<void>>();

  constructor(
    private readonly deps: MailQueueDeps,
    private readonly taskQueue: string,
  ) {
    this.loop = new DrainLoop({
      database: deps.database,
      logger: deps.logger,
      name: 'mail dispatcher',
      channel: MAIL_QUEUE_CHANNEL,
      sweepMs: deps.config.MIR_MAIL_RETRY_MS,
      pass: () => this.claimAndSend(),
    });
  }

  start(): Promise<void> {
    return this.loop.start();
  }

  /** Claims nothing more, and waits for the sends under way (each bounded by the SMTP waits). */
  async stop(): Promise<void> {
    await this.loop.stop();
    await Promise.allSettled([...this.sending]);
  }

  private async claimAndSend(): Promise<Pass> {
    const free = IN_FLIGHT - this.sending.size;
    // Full: the next send to end looks again.
    if (free <= 0) return { more: false };
    const mails = await claimDueMails(this.deps.database.db, {
      taskQueue: this.taskQueue,
      leaseMs: mailLeaseMs(this.deps.config),
      limit: free,
    });
    for (const mail of mails) {
      const sent: Promise<void> = sendQueuedMail(this.deps, mail)
        .catch((err: unknown) =>
          this.deps.logger.warn({ err, mailId: mail.id }, 'queued mail send failed; its claim runs out'),
        )
        .finally(() => {
          this.sending.delete(sent);
          this.loop.poke();
        });
      this.sending.add(sent);
    }
    return { more: mails.length === free };
  }
}
