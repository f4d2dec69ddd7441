-- A person's erasure of their account (docs/data-rights.md). While SCHEDULED the person's links
-- are ended (suspended_links says which, so a cancellation restores exactly them); ERASING holds
-- the ids to erase in targets and the progress in stage/cursor/counts, each chunk committing with
-- its deletions, so a crash resumes where the last commit left off and counts nothing twice. Once
-- ERASED the row keeps no address and no id in clear: account_ref is a digest, targets is null.
CREATE TABLE "account_erasures" (
	"id" text PRIMARY KEY NOT NULL,
	"mir_user_id" text REFERENCES "mir_users"("id") ON DELETE set null,
	"account_ref" text NOT NULL,
	"status" text DEFAULT 'SCHEDULED' NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"erases_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"erased_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"suspended_links" text[] DEFAULT '{}' NOT NULL,
	"targets" jsonb,
	"stage" integer DEFAULT 0 NOT NULL,
	"cursor" text,
	"counts" jsonb DEFAULT '{"totals":{},"organizations":{}}'::jsonb NOT NULL,
	"notices" text[] DEFAULT '{}' NOT NULL,
	CONSTRAINT "account_erasures_status_check" CHECK ("status" in ('SCHEDULED', 'CANCELLED', 'ERASING', 'ERASED'))
);--> statement-breakpoint
-- One open erasure per account: a second request finds the first.
CREATE UNIQUE INDEX "account_erasures_open_idx" ON "account_erasures" USING btree ("account_ref") WHERE "completed_at" is null;--> statement-breakpoint
CREATE INDEX "account_erasures_user_idx" ON "account_erasures" USING btree ("mir_user_id","requested_at" DESC);
