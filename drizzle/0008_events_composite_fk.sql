ALTER TABLE "partner_users" ADD CONSTRAINT "partner_users_id_org_unique" UNIQUE("id","organization_id");
--> statement-breakpoint
ALTER TABLE "events" DROP CONSTRAINT "events_organization_id_organizations_id_fk";
--> statement-breakpoint
ALTER TABLE "events" DROP CONSTRAINT "events_partner_user_id_partner_users_id_fk";
--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_partner_user_org_fk" FOREIGN KEY ("partner_user_id","organization_id") REFERENCES "public"."partner_users"("id","organization_id") ON DELETE cascade ON UPDATE no action;
