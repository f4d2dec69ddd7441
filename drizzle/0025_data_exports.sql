-- A person's data export (POST /v1/me/exports, docs/data-rights.md "Export"): one JSON document,
-- written by the data-export workflow in chunks of a page each. progress says where the writing
-- stands and commits with each chunk, so a retried step carries on after the last commit and a
-- chunk's (export_id, seq) is written once (a step redone after a rollback overwrites its own).
-- Both tables go with the account (ON DELETE cascade), so an erasure takes them too.
CREATE TABLE "data_exports" (
	"id" text PRIMARY KEY NOT NULL,
	"mir_user_id" text NOT NULL REFERENCES "mir_users"("id") ON DELETE cascade,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"progress" jsonb NOT NULL,
	"size_bytes" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ready_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"failure" text,
	CONSTRAINT "data_exports_status_check" CHECK ("status" in ('PENDING', 'READY', 'EXPIRED', 'FAILED'))
);
--> statement-breakpoint
-- One export at a time per person: a second request while one is PENDING meets the first.
CREATE UNIQUE INDEX "data_exports_pending_idx" ON "data_exports" USING btree ("mir_user_id") WHERE "status" = 'PENDING';
--> statement-breakpoint
CREATE INDEX "data_exports_user_created_idx" ON "data_exports" USING btree ("mir_user_id", "created_at" DESC);
--> statement-breakpoint
CREATE TABLE "export_chunks" (
	"export_id" text NOT NULL REFERENCES "data_exports"("id") ON DELETE cascade,
	"seq" integer NOT NULL,
	"data" text NOT NULL,
	CONSTRAINT "export_chunks_pkey" PRIMARY KEY ("export_id", "seq")
);
--> statement-breakpoint
-- Times in the document as the API writes them (ISO 8601, UTC, milliseconds).
CREATE FUNCTION mir_export_time(t timestamptz) RETURNS text LANGUAGE sql STABLE
  AS $$ SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;
--> statement-breakpoint
-- The audit entries about a person, found without reading an organisation's whole trail: those
-- the person made, and those about their partner users, memberships and member invites. Partial,
-- so the audit insert that nearly every write makes maintains neither for its other entries.
CREATE INDEX "audit_log_user_actor_idx" ON "audit_log" USING btree ("actor_id") WHERE "actor_type" = 'user';
--> statement-breakpoint
CREATE INDEX "audit_log_person_target_idx" ON "audit_log" USING btree ("target_id") WHERE "target_type" in ('partner_user', 'org_member', 'member_invite');
