CREATE TABLE "agent_key_rotations" (
	"id" text PRIMARY KEY NOT NULL,
	"agent_id" text NOT NULL,
	"version" integer NOT NULL,
	"new_key_hash" text NOT NULL,
	"new_key_prefix" text NOT NULL,
	"requested_by" jsonb NOT NULL,
	"request_id" text,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"applied_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "agents" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"description" text,
	"status" text DEFAULT 'ACTIVE' NOT NULL,
	"status_reason" text,
	"preset" text,
	"permissions" jsonb NOT NULL,
	"allowed_event_types" jsonb NOT NULL,
	"allowed_event_patterns" jsonb NOT NULL,
	"rate_limit_per_minute" integer,
	"max_bulk_items" integer,
	"require_idempotency" boolean NOT NULL,
	"agent_external_id" text,
	"key_hash" text,
	"key_prefix" text,
	"key_version" integer DEFAULT 0 NOT NULL,
	"parent_id" text,
	"root_id" text,
	"spawn_depth" integer DEFAULT 0 NOT NULL,
	"membership_source" text DEFAULT 'CREATED' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"suspended_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "agents_key_hash_unique" UNIQUE("key_hash"),
	CONSTRAINT "agents_type_check" CHECK ("agents"."type" in ('AI_AGENT', 'SERVICE_ACCOUNT')),
	CONSTRAINT "agents_status_check" CHECK ("agents"."status" in ('ACTIVE', 'SUSPENDED', 'REVOKED')),
	CONSTRAINT "agents_rate_limit_check" CHECK ("agents"."rate_limit_per_minute" between 1 and 10000),
	CONSTRAINT "agents_revoked_has_no_key" CHECK ("agents"."status" <> 'REVOKED' or "agents"."key_hash" is null)
);
--> statement-breakpoint
CREATE TABLE "rate_limit_counters" (
	"bucket" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "rate_limit_counters_bucket_window_start_pk" PRIMARY KEY("bucket","window_start")
);
--> statement-breakpoint
CREATE TABLE "retired_agent_keys" (
	"key_hash" text PRIMARY KEY NOT NULL,
	"agent_id" text NOT NULL,
	"reason" text NOT NULL,
	"retired_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agent_key_rotations" ADD CONSTRAINT "agent_key_rotations_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agents" ADD CONSTRAINT "agents_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agents" ADD CONSTRAINT "agents_parent_id_agents_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agents" ADD CONSTRAINT "agents_root_id_agents_id_fk" FOREIGN KEY ("root_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retired_agent_keys" ADD CONSTRAINT "retired_agent_keys_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agent_key_rotations_agent_version_idx" ON "agent_key_rotations" USING btree ("agent_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "agents_org_external_id_idx" ON "agents" USING btree ("organization_id","agent_external_id");--> statement-breakpoint
CREATE INDEX "agents_org_created_idx" ON "agents" USING btree ("organization_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "agents_parent_idx" ON "agents" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "agents_root_idx" ON "agents" USING btree ("root_id");