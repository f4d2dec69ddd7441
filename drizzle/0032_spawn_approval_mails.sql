-- Approvers are mailed when a spawn request waits, and reminded a day before its deadline. A mail
-- names its request (rendered when sent, from the row as it is then: a request decided meanwhile
-- mails nothing); the request keeps when its approvers were reminded, so a retried reminder
-- activity queues its mails once. The kinds the queue sends are now checked.
ALTER TABLE "mail_queue" ADD COLUMN "spawn_request_id" text REFERENCES "agent_spawn_requests"("id") ON DELETE cascade;--> statement-breakpoint
ALTER TABLE "agent_spawn_requests" ADD COLUMN "approvers_reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mail_queue" ADD CONSTRAINT "mail_queue_kind_check" CHECK ("mail_queue"."kind" in ('verify-email', 'signup-taken', 'member-added', 'link-removed', 'export-ready', 'spawn-approval-requested', 'spawn-approval-reminder'));
