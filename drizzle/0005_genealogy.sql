CREATE TABLE "agent_revocation_operations" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"root_agent_id" text NOT NULL,
	"status" text DEFAULT 'RUNNING' NOT NULL,
	"total" integer NOT NULL,
	"revoked" integer DEFAULT 0 NOT NULL,
	"reason" text,
	"requested_by" jsonb NOT NULL,
	"request_id" text,
	"workflow_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "agent_revocation_operations_status_check" CHECK ("agent_revocation_operations"."status" in ('RUNNING', 'COMPLETED'))
);
--> statement-breakpoint
CREATE TABLE "agent_spawn_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"parent_agent_id" text NOT NULL,
	"child_agent_id" text NOT NULL,
	"child" jsonb NOT NULL,
	"key_hash" text,
	"key_prefix" text,
	"status" text DEFAULT 'PENDING_APPROVAL' NOT NULL,
	"approval_reasons" jsonb NOT NULL,
	"requested_by" jsonb NOT NULL,
	"request_id" text,
	"decided_by" jsonb,
	"decision_reason" text,
	"workflow_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "agent_spawn_requests_child_agent_id_unique" UNIQUE("child_agent_id"),
	CONSTRAINT "agent_spawn_requests_key_hash_unique" UNIQUE("key_hash"),
	CONSTRAINT "agent_spawn_requests_status_check" CHECK ("agent_spawn_requests"."status" in ('PENDING_APPROVAL', 'APPROVED', 'REJECTED', 'EXPIRED'))
);
--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "ancestry" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "agent_revocation_operations" ADD CONSTRAINT "agent_revocation_operations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_revocation_operations" ADD CONSTRAINT "agent_revocation_operations_root_agent_id_agents_id_fk" FOREIGN KEY ("root_agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_spawn_requests" ADD CONSTRAINT "agent_spawn_requests_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_spawn_requests" ADD CONSTRAINT "agent_spawn_requests_parent_agent_id_agents_id_fk" FOREIGN KEY ("parent_agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_revocation_operations_root_idx" ON "agent_revocation_operations" USING btree ("root_agent_id");--> statement-breakpoint
CREATE INDEX "agent_spawn_requests_org_created_idx" ON "agent_spawn_requests" USING btree ("organization_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "agents_ancestry_idx" ON "agents" USING btree ("ancestry" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "agents_unrevoked_ancestry_idx" ON "agents" USING btree ("ancestry" text_pattern_ops) WHERE "agents"."status" <> 'REVOKED';