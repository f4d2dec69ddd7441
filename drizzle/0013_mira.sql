CREATE TABLE "mira_api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"key_hash" text NOT NULL,
	"key_prefix" text NOT NULL,
	"can_write" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "mira_api_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "mira_insights" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"summary" text NOT NULL,
	"quote" text NOT NULL,
	"position" integer NOT NULL,
	"prospect_industry" text,
	"prospect_title" text,
	"meeting_started_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mira_insights_kind_check" CHECK ("mira_insights"."kind" in ('objection', 'pain_point', 'competitor', 'feature_request', 'buying_signal'))
);
--> statement-breakpoint
CREATE TABLE "mira_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"source" text DEFAULT 'call' NOT NULL,
	"title" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"call_type" text NOT NULL,
	"prospect_name" text,
	"prospect_title" text,
	"prospect_company" text,
	"prospect_industry" text,
	"transcript" jsonb,
	"transcript_url" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"failure_reason" text,
	"workflow_started_at" timestamp with time zone,
	"fetched_at" timestamp with time zone,
	"processing_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mira_meetings_status_check" CHECK ("mira_meetings"."status" in ('pending', 'fetched', 'processing', 'completed', 'failed', 'no_transcript')),
	CONSTRAINT "mira_meetings_source_check" CHECK ("mira_meetings"."source" in ('call', 'roleplay'))
);
--> statement-breakpoint
CREATE TABLE "mira_organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mira_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"template_id" uuid,
	"template_name" text NOT NULL,
	"scorer" text NOT NULL,
	"overall_score" numeric(3, 1) NOT NULL,
	"criteria_scores" jsonb NOT NULL,
	"strengths" jsonb NOT NULL,
	"improvements" jsonb NOT NULL,
	"next_steps" jsonb NOT NULL,
	"summary" text NOT NULL,
	"metrics" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mira_reports_score_check" CHECK ("mira_reports"."overall_score" between 0 and 10)
);
--> statement-breakpoint
CREATE TABLE "mira_roleplay_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"scenario" text NOT NULL,
	"meeting_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mira_roleplay_sessions_meeting_id_unique" UNIQUE("meeting_id")
);
--> statement-breakpoint
CREATE TABLE "mira_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"prompt_template" text NOT NULL,
	"grading_criteria" jsonb NOT NULL,
	"coaching_tone" text NOT NULL,
	"call_type" text NOT NULL,
	"industry_context" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mira_templates_tone_check" CHECK ("mira_templates"."coaching_tone" in ('direct', 'encouraging', 'data-driven')),
	CONSTRAINT "mira_templates_call_type_check" CHECK ("mira_templates"."call_type" in ('discovery', 'demo', 'negotiation', 'follow-up', 'closing', 'cold-call', 'general'))
);
--> statement-breakpoint
CREATE TABLE "mira_users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mira_api_keys" ADD CONSTRAINT "mira_api_keys_organization_id_mira_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."mira_organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mira_insights" ADD CONSTRAINT "mira_insights_organization_id_mira_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."mira_organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mira_insights" ADD CONSTRAINT "mira_insights_meeting_id_mira_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."mira_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mira_meetings" ADD CONSTRAINT "mira_meetings_organization_id_mira_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."mira_organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mira_meetings" ADD CONSTRAINT "mira_meetings_user_id_mira_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."mira_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mira_reports" ADD CONSTRAINT "mira_reports_organization_id_mira_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."mira_organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mira_reports" ADD CONSTRAINT "mira_reports_meeting_id_mira_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."mira_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mira_reports" ADD CONSTRAINT "mira_reports_user_id_mira_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."mira_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mira_reports" ADD CONSTRAINT "mira_reports_template_id_mira_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."mira_templates"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mira_roleplay_sessions" ADD CONSTRAINT "mira_roleplay_sessions_organization_id_mira_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."mira_organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mira_roleplay_sessions" ADD CONSTRAINT "mira_roleplay_sessions_user_id_mira_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."mira_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mira_roleplay_sessions" ADD CONSTRAINT "mira_roleplay_sessions_meeting_id_mira_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."mira_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mira_templates" ADD CONSTRAINT "mira_templates_organization_id_mira_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."mira_organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mira_users" ADD CONSTRAINT "mira_users_organization_id_mira_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."mira_organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mira_api_keys_organization_idx" ON "mira_api_keys" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mira_insights_meeting_position_idx" ON "mira_insights" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE INDEX "mira_insights_org_started_idx" ON "mira_insights" USING btree ("organization_id","meeting_started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "mira_meetings_org_started_idx" ON "mira_meetings" USING btree ("organization_id","started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "mira_meetings_org_user_idx" ON "mira_meetings" USING btree ("organization_id","user_id");--> statement-breakpoint
CREATE INDEX "mira_meetings_unstarted_idx" ON "mira_meetings" USING btree ("created_at") WHERE "mira_meetings"."workflow_started_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "mira_reports_meeting_idx" ON "mira_reports" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "mira_reports_org_created_idx" ON "mira_reports" USING btree ("organization_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "mira_reports_template_idx" ON "mira_reports" USING btree ("template_id");--> statement-breakpoint
CREATE INDEX "mira_roleplay_org_created_idx" ON "mira_roleplay_sessions" USING btree ("organization_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "mira_templates_org_name_idx" ON "mira_templates" USING btree ("organization_id",lower("name"));--> statement-breakpoint
CREATE INDEX "mira_templates_pick_idx" ON "mira_templates" USING btree ("organization_id","call_type","is_active");--> statement-breakpoint
CREATE UNIQUE INDEX "mira_users_org_email_idx" ON "mira_users" USING btree ("organization_id",lower("email"));