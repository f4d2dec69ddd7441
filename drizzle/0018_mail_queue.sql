-- Mails that must survive a crash: written in the transaction of the change they report (a new
-- account and its verification mail commit together), sent after the answer, deleted once sent.
-- A row holds no secret: a verification token is made when its mail is sent. A sender claims a
-- row by moving next_attempt_at past the time a send may take; if it dies, the claim runs out and
-- another API process sends it.
CREATE TABLE "mail_queue" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"to_email" text NOT NULL,
	"mir_user_id" text REFERENCES "mir_users"("id") ON DELETE cascade,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE INDEX "mail_queue_due_idx" ON "mail_queue" USING btree ("next_attempt_at");
