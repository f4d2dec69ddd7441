-- The worker sends the mail queue (src/worker/mail-dispatcher.ts), no longer every API process
-- polling it: a row's task_queue is its writer's TEMPORAL_TASK_QUEUE (the pool's `mir.task_queue`,
-- as for workflow_starts), each worker sends its own queue's mails, and an insert wakes them at its
-- commit. Mails already waiting go to the default queue `mir`; a deployment on another queue moves
-- them with `update mail_queue set task_queue = '<its queue>'`.
ALTER TABLE "mail_queue" ADD COLUMN "task_queue" text;--> statement-breakpoint
UPDATE "mail_queue" SET "task_queue" = 'mir';--> statement-breakpoint
ALTER TABLE "mail_queue" ALTER COLUMN "task_queue" SET DEFAULT current_setting('mir.task_queue');--> statement-breakpoint
ALTER TABLE "mail_queue" ALTER COLUMN "task_queue" SET NOT NULL;--> statement-breakpoint
DROP INDEX "mail_queue_due_idx";--> statement-breakpoint
CREATE INDEX "mail_queue_due_idx" ON "mail_queue" USING btree ("task_queue","next_attempt_at");--> statement-breakpoint
-- Wakes the mail dispatchers at the commit of any insert (Postgres folds repeats within a transaction).
CREATE FUNCTION mir_notify_mail_queue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('mir_mail_queue', '');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER mail_queue_notify AFTER INSERT ON mail_queue
  FOR EACH STATEMENT EXECUTE FUNCTION mir_notify_mail_queue();
