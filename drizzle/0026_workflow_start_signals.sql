-- Signal-with-start through the outbox (docs/adr/0006): a row with a signal wakes its workflow
-- with that signal, starting it first when it does not run. Such a workflow keeps its state in
-- Postgres and the signal only says "read again", so every change queues its own row: folding a
-- second change into a row a dispatcher has already sent would lose its wake-up. Plain starts
-- stay one waiting row per workflow id.
ALTER TABLE "workflow_starts" ADD COLUMN "signal" text;--> statement-breakpoint
DROP INDEX "workflow_starts_workflow_id_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "workflow_starts_workflow_id_idx" ON "workflow_starts" USING btree ("workflow_id") WHERE "signal" IS NULL;
