-- Partner regulations (POST /v1/users/regulations, docs/api.md "Regulations"). A suppressed user
-- is a mark on their partner_users row, read by the upsert every event insert already makes (its
-- ON CONFLICT ... WHERE), so POST /events asks nothing more of Postgres. Nullable without a
-- default: adding it rewrites nothing.
ALTER TABLE "partner_users" ADD COLUMN "suppressed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "partner_users_suppressed_idx" ON "partner_users" USING btree ("organization_id", "suppressed_at" DESC, "id" DESC) WHERE "suppressed_at" IS NOT NULL;--> statement-breakpoint
-- One row per regulation. user_ids is what the workflow works through, and is emptied (null) when
-- it completes: the row then keeps counts, never the ids. stage/cursor and the counts move in the
-- transaction of each step's deletions, so a crash resumes where the last commit left off and
-- nothing is counted twice. cutoff_at: a deletion removes what was received up to it (taken
-- once the users' rows were locked, so no event committed before the regulation is missed).
CREATE TABLE "user_regulations" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL REFERENCES "organizations"("id") ON DELETE cascade,
	"type" text NOT NULL,
	"status" text DEFAULT 'RUNNING' NOT NULL,
	"user_ids" text[],
	"user_count" integer NOT NULL,
	"events_deleted" bigint DEFAULT 0 NOT NULL,
	"decisions_deleted" bigint DEFAULT 0 NOT NULL,
	"links_ended" integer DEFAULT 0 NOT NULL,
	"stage" integer DEFAULT 0 NOT NULL,
	"cursor" text,
	"cutoff_at" timestamp with time zone NOT NULL,
	"requested_by" jsonb NOT NULL,
	"request_id" text,
	"workflow_id" text NOT NULL,
	"failure" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "user_regulations_type_check" CHECK ("user_regulations"."type" in ('DELETE', 'SUPPRESS', 'SUPPRESS_WITH_DELETE', 'UNSUPPRESS')),
	CONSTRAINT "user_regulations_status_check" CHECK ("user_regulations"."status" in ('RUNNING', 'COMPLETED', 'FAILED'))
);--> statement-breakpoint
CREATE INDEX "user_regulations_org_created_idx" ON "user_regulations" USING btree ("organization_id", "created_at" DESC, "id" DESC);--> statement-breakpoint
-- A deletion finds a user's decisions by the partner's id for them (the actor of a human decision)
-- rather than reading the organisation's whole log. Built without CONCURRENTLY (migrations run in a
-- transaction): on a large log, build it by hand first with CREATE INDEX CONCURRENTLY ... IF NOT EXISTS.
CREATE INDEX IF NOT EXISTS "policy_decisions_human_actor_idx" ON "policy_decisions" USING btree ("organization_id", "actor_id") WHERE "actor_type" = 'human';
