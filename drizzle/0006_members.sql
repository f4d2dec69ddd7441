CREATE TABLE "member_invites" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"import_source" text DEFAULT 'api' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_at" timestamp with time zone,
	"removed_at" timestamp with time zone,
	"mir_user_id" text,
	CONSTRAINT "member_invites_role_check" CHECK ("member_invites"."role" in ('OWNER', 'ADMIN', 'MEMBER', 'ANALYST')),
	CONSTRAINT "member_invites_status_check" CHECK ("member_invites"."status" in ('PENDING', 'CLAIMED', 'REMOVED'))
);
--> statement-breakpoint
CREATE TABLE "org_members" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"mir_user_id" text NOT NULL,
	"role" text NOT NULL,
	"invite_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "org_members_role_check" CHECK ("org_members"."role" in ('OWNER', 'ADMIN', 'MEMBER', 'ANALYST'))
);
--> statement-breakpoint
ALTER TABLE "member_invites" ADD CONSTRAINT "member_invites_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_invites" ADD CONSTRAINT "member_invites_mir_user_id_mir_users_id_fk" FOREIGN KEY ("mir_user_id") REFERENCES "public"."mir_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_members" ADD CONSTRAINT "org_members_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_members" ADD CONSTRAINT "org_members_mir_user_id_mir_users_id_fk" FOREIGN KEY ("mir_user_id") REFERENCES "public"."mir_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_members" ADD CONSTRAINT "org_members_invite_id_member_invites_id_fk" FOREIGN KEY ("invite_id") REFERENCES "public"."member_invites"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "member_invites_org_email_idx" ON "member_invites" USING btree ("organization_id","email");--> statement-breakpoint
CREATE INDEX "member_invites_pending_email_idx" ON "member_invites" USING btree ("email") WHERE "member_invites"."status" = 'PENDING';--> statement-breakpoint
CREATE INDEX "member_invites_org_created_idx" ON "member_invites" USING btree ("organization_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "org_members_active_idx" ON "org_members" USING btree ("organization_id","mir_user_id") WHERE "org_members"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "org_members_org_created_idx" ON "org_members" USING btree ("organization_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "org_members_invite_idx" ON "org_members" USING btree ("invite_id");